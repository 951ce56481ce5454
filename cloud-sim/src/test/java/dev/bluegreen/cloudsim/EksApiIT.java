package dev.bluegreen.cloudsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.cloudsim.core.Fleet;
import dev.bluegreen.cloudsim.core.JournalEntry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.eks.model.ClusterVersionInformation;
import software.amazon.awssdk.services.eks.model.CreateClusterRequest;
import software.amazon.awssdk.services.eks.model.DescribeClusterResponse;
import software.amazon.awssdk.services.eks.model.DescribeInsightResponse;
import software.amazon.awssdk.services.eks.model.DescribeNodegroupResponse;
import software.amazon.awssdk.services.eks.model.InsightSummary;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.NodegroupStatus;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;
import software.amazon.awssdk.services.eks.model.ResourceLimitExceededException;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eks.model.UpdateStatus;

/** EKS driven only through the AWS SDK v2 EksClient. */
class EksApiIT {
  private static CloudSim sim;
  private static EksClient eks;

  @BeforeAll
  static void start() {
    // 15 simulated minutes take 100 ms: long enough to observe CREATING, short for a test.
    sim =
        CloudSim.start(
            CloudSimConfig.defaults().withTimeCompression(9_000).withFleet(Fleet.demo()));
    eks = SimClients.eks(sim);
  }

  @AfterAll
  static void stop() {
    eks.close();
    sim.close();
  }

  @AfterEach
  void clearFaults() {
    sim.faults().clear();
  }

  private static CreateClusterRequest.Builder newCluster(String name) {
    return CreateClusterRequest.builder()
        .name(name)
        .version("1.34")
        .roleArn("arn:aws:iam::123456789012:role/eks-cluster-role")
        .resourcesVpcConfig(v -> v.subnetIds("subnet-payments-001-a", "subnet-payments-001-b"));
  }

  /** The waiters poll every 30 s by default; the simulator's compressed time needs less. */
  private static java.util.function.Consumer<WaiterOverrideConfiguration.Builder> fastPolling() {
    return w ->
        w.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(25))).maxAttempts(200);
  }

  @Test
  void createCluster_startsCreating_andTheSdkWaiterSeesItActive() {
    Cluster created = eks.createCluster(newCluster("payments-green-1").build()).cluster();
    assertEquals(ClusterStatus.CREATING, created.status());
    assertEquals(sim.kubernetesUrl("payments-green-1"), created.endpoint());

    WaiterResponse<DescribeClusterResponse> done =
        eks.waiter().waitUntilClusterActive(r -> r.name("payments-green-1"), fastPolling());

    assertEquals(ClusterStatus.ACTIVE, done.matched().response().orElseThrow().cluster().status());
  }

  @Test
  void sameClientRequestTokenTwice_createsOneCluster() {
    String token = UUID.randomUUID().toString();
    Cluster first =
        eks.createCluster(newCluster("payments-green-2").clientRequestToken(token).build())
            .cluster();
    Cluster second =
        eks.createCluster(newCluster("payments-green-2").clientRequestToken(token).build())
            .cluster();

    assertEquals(first.arn(), second.arn());
    List<JournalEntry> creates =
        sim.journal().entries("CreateCluster").stream()
            .filter(e -> token.equals(e.requestToken()))
            .toList();
    assertEquals(
        List.of("created", "replayed"), creates.stream().map(JournalEntry::outcome).toList());
  }

  @Test
  void createClusterWithATakenName_andAFreshToken_isResourceInUse() {
    assertThrows(
        ResourceInUseException.class, () -> eks.createCluster(newCluster("payments-001").build()));
  }

  @Test
  void injectedThrottle_isRetriedByTheSdk_thenSucceeds() {
    sim.faults().add(Fault.throttle("eks", "DescribeCluster", 2));

    DescribeClusterResponse response = eks.describeCluster(r -> r.name("search-002"));

    assertEquals("search-002", response.cluster().name());
    assertTrue(sim.faults().list().isEmpty(), "both throttled calls were consumed by SDK retries");
  }

  @Test
  void injectedError_surfacesAsTheTypedException() {
    sim.faults().add(Fault.failNext("eks", "CreateCluster", "ResourceLimitExceededException", 1));

    assertThrows(
        ResourceLimitExceededException.class,
        () -> eks.createCluster(newCluster("payments-green-3").build()));
    assertFalse(sim.clusterStatus("payments-green-3").isPresent());
  }

  @Test
  void describingAMissingCluster_isResourceNotFound() {
    assertThrows(
        ResourceNotFoundException.class, () -> eks.describeCluster(r -> r.name("no-such-cluster")));
  }

  @Test
  void anUnsupportedVersion_isInvalidParameter() {
    assertThrows(
        InvalidParameterException.class,
        () -> eks.createCluster(newCluster("payments-green-4").version("1.12").build()));
  }

  @Test
  void deletingAClusterWithNodegroups_isResourceInUse() {
    assertThrows(
        ResourceInUseException.class, () -> eks.deleteCluster(r -> r.name("identity-003")));
  }

  @Test
  void listClusters_pagesThroughTheFleet() {
    List<String> names =
        eks.listClustersPaginator(r -> r.maxResults(5)).clusters().stream().toList();
    assertTrue(
        names.containsAll(List.of("payments-001", "search-002", "identity-012")), names.toString());
  }

  @Test
  void describeClusterVersions_reportsSupportStatusAndEndDates() {
    List<ClusterVersionInformation> versions =
        eks.describeClusterVersions(r -> r.includeAll(true)).clusterVersions();
    ClusterVersionInformation v134 =
        versions.stream().filter(v -> v.clusterVersion().equals("1.34")).findFirst().orElseThrow();
    assertTrue(
        v134.statusAsString().endsWith("_SUPPORT") || v134.statusAsString().equals("UNSUPPORTED"));
    assertTrue(v134.endOfStandardSupportDate().isBefore(v134.endOfExtendedSupportDate()));
  }

  @Test
  void describeAddonVersions_listsOnlyVersionsCompatibleWithTheKubernetesVersion() {
    var addons =
        eks.describeAddonVersions(r -> r.kubernetesVersion("1.35").addonName("kube-proxy"))
            .addons();
    assertEquals(1, addons.size());
    assertEquals(
        List.of("v1.35.0-eksbuild.1"),
        addons.get(0).addonVersions().stream().map(v -> v.addonVersion()).toList());
    assertEquals(
        "1.35", addons.get(0).addonVersions().get(0).compatibilities().get(0).clusterVersion());
  }

  @Test
  void nodegroupLifecycle_createScaleDelete() {
    eks.createCluster(newCluster("search-green-1").build());
    eks.waiter().waitUntilClusterActive(r -> r.name("search-green-1"), fastPolling());
    eks.createNodegroup(
        r ->
            r.clusterName("search-green-1")
                .nodegroupName("general")
                .nodeRole("arn:aws:iam::123456789012:role/eks-node-role")
                .subnets("subnet-payments-001-a")
                .instanceTypes("m6i.large")
                .scalingConfig(s -> s.minSize(1).maxSize(4).desiredSize(2))
                .labels(java.util.Map.of("workload", "general")));
    eks.waiter()
        .waitUntilNodegroupActive(
            r -> r.clusterName("search-green-1").nodegroupName("general"), fastPolling());

    var update =
        eks.updateNodegroupConfig(
                r ->
                    r.clusterName("search-green-1")
                        .nodegroupName("general")
                        .scalingConfig(s -> s.desiredSize(3)))
            .update();
    assertEquals(UpdateStatus.IN_PROGRESS, update.status());
    eks.waiter()
        .waitUntilNodegroupActive(
            r -> r.clusterName("search-green-1").nodegroupName("general"), fastPolling());
    DescribeNodegroupResponse ng =
        eks.describeNodegroup(r -> r.clusterName("search-green-1").nodegroupName("general"));
    assertEquals(3, ng.nodegroup().scalingConfig().desiredSize());
    assertEquals(NodegroupStatus.ACTIVE, ng.nodegroup().status());

    eks.deleteNodegroup(r -> r.clusterName("search-green-1").nodegroupName("general"));
    eks.waiter()
        .waitUntilNodegroupDeleted(
            r -> r.clusterName("search-green-1").nodegroupName("general"), fastPolling());
    eks.deleteCluster(r -> r.name("search-green-1"));
    eks.waiter().waitUntilClusterDeleted(r -> r.name("search-green-1"), fastPolling());
  }

  @Test
  void addonsAndAccessEntries_roundTrip() {
    eks.createCluster(newCluster("identity-green-1").build());
    eks.waiter().waitUntilClusterActive(r -> r.name("identity-green-1"), fastPolling());
    eks.createAddon(
        r ->
            r.clusterName("identity-green-1")
                .addonName("coredns")
                .addonVersion("v1.12.2-eksbuild.4"));
    eks.waiter()
        .waitUntilAddonActive(
            r -> r.clusterName("identity-green-1").addonName("coredns"), fastPolling());
    assertEquals(
        List.of("coredns"), eks.listAddons(r -> r.clusterName("identity-green-1")).addons());
    assertThrows(
        InvalidParameterException.class,
        () ->
            eks.createAddon(
                r ->
                    r.clusterName("identity-green-1")
                        .addonName("kube-proxy")
                        .addonVersion("v1.29.15-eksbuild.2")));

    String principal = "arn:aws:iam::123456789012:role/platform-admin";
    eks.createAccessEntry(
        r ->
            r.clusterName("identity-green-1").principalArn(principal).kubernetesGroups("platform"));
    assertEquals(
        List.of(principal),
        eks.listAccessEntries(r -> r.clusterName("identity-green-1")).accessEntries());
    eks.deleteAccessEntry(r -> r.clusterName("identity-green-1").principalArn(principal));
    assertTrue(
        eks.listAccessEntries(r -> r.clusterName("identity-green-1")).accessEntries().isEmpty());
  }

  @Test
  void insights_reportDeprecatedApiUsage() {
    List<InsightSummary> insights = eks.listInsights(r -> r.clusterName("payments-001")).insights();
    assertEquals(1, insights.size());
    assertEquals("1.33", insights.get(0).kubernetesVersion());

    DescribeInsightResponse insight =
        eks.describeInsight(r -> r.clusterName("payments-001").id(insights.get(0).id()));
    var details = insight.insight().categorySpecificSummary().deprecationDetails();
    assertEquals("/apis/flowcontrol.apiserver.k8s.io/v1beta3/flowschemas", details.get(0).usage());
  }

  @Test
  void aMalformedRequest_getsAnAwsShaped4xx_notA500() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(sim.eksEndpoint() + "/clusters"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{not json"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertEquals(400, response.statusCode());
    assertEquals(
        "BadRequestException", response.headers().firstValue("x-amzn-ErrorType").orElseThrow());
    JsonNode body = new ObjectMapper().readTree(response.body());
    assertTrue(body.path("message").asText().contains("json"), response.body());
  }
}
