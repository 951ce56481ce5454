package dev.bluegreen.cloudsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.cloudsim.core.Fleet;
import dev.bluegreen.cloudsim.core.JournalEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AccessScopeType;
import software.amazon.awssdk.services.eks.model.AssociatedAccessPolicy;
import software.amazon.awssdk.services.eks.model.AuthenticationMode;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.CreateClusterRequest;
import software.amazon.awssdk.services.eks.model.EncryptionConfig;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.InvalidRequestException;
import software.amazon.awssdk.services.eks.model.LogSetup;
import software.amazon.awssdk.services.eks.model.LogType;
import software.amazon.awssdk.services.eks.model.NodegroupUpdateConfig;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/**
 * Access policy associations, the control-plane configuration DescribeCluster echoes, and node
 * groups' updateConfig, through the SDK's EksClient.
 */
class EksAccessAndConfigIT {
  private static final String POLICY = "arn:aws:eks::aws:cluster-access-policy/";
  private static final String ADMINS = "arn:aws:iam::123456789012:role/platform-admins";
  private static final String DEPLOYERS = "arn:aws:iam::123456789012:role/payments-deployers";
  private static final String NODES = "arn:aws:iam::123456789012:role/eks-node-role";
  private static final String KEY =
      "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";

  private static CloudSim sim;
  private static EksClient eks;

  @BeforeAll
  static void start() {
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

  private static Consumer<WaiterOverrideConfiguration.Builder> fastPolling() {
    return w ->
        w.backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(25)))
            .waitTimeout(Duration.ofSeconds(30));
  }

  private static CreateClusterRequest.Builder newCluster(String name) {
    return CreateClusterRequest.builder()
        .name(name)
        .version("1.34")
        .roleArn("arn:aws:iam::123456789012:role/eks-cluster-role")
        .resourcesVpcConfig(v -> v.subnetIds("subnet-search-002-a", "subnet-search-002-b"));
  }

  // ---------------------------------------------------------------- access policies

  @Test
  void demoFleet_seedsAccessEntriesWithTheirPolicies() {
    List<AssociatedAccessPolicy> admins =
        eks.listAssociatedAccessPolicies(r -> r.clusterName("payments-001").principalArn(ADMINS))
            .associatedAccessPolicies();
    assertEquals(1, admins.size());
    assertEquals(POLICY + "AmazonEKSClusterAdminPolicy", admins.get(0).policyArn());
    assertEquals(AccessScopeType.CLUSTER, admins.get(0).accessScope().type());

    // maxResults 1 makes the SDK's paginator follow nextToken.
    List<AssociatedAccessPolicy> deployers =
        eks
            .listAssociatedAccessPoliciesPaginator(
                r -> r.clusterName("payments-001").principalArn(DEPLOYERS).maxResults(1))
            .associatedAccessPolicies()
            .stream()
            .toList();
    assertEquals(
        List.of(POLICY + "AmazonEKSEditPolicy", POLICY + "AmazonEKSViewPolicy"),
        deployers.stream().map(AssociatedAccessPolicy::policyArn).toList());
    assertEquals(AccessScopeType.NAMESPACE, deployers.get(0).accessScope().type());
    assertEquals(List.of("payments"), deployers.get(0).accessScope().namespaces());

    assertEquals(
        List.of(),
        eks.listAssociatedAccessPolicies(r -> r.clusterName("payments-001").principalArn(NODES))
            .associatedAccessPolicies(),
        "EKS grants node entries by itself");
  }

  @Test
  void associateAccessPolicy_createsOnce_replaysTheSame_andReplacesAScope() {
    String ci = "arn:aws:iam::123456789012:role/ci-associate";
    eks.createAccessEntry(r -> r.clusterName("search-002").principalArn(ci));
    long since = lastSeq();

    AssociatedAccessPolicy first =
        eks.associateAccessPolicy(
                r ->
                    r.clusterName("search-002")
                        .principalArn(ci)
                        .policyArn(POLICY + "AmazonEKSEditPolicy")
                        .accessScope(s -> s.type(AccessScopeType.NAMESPACE).namespaces("search")))
            .associatedAccessPolicy();
    eks.associateAccessPolicy(
        r ->
            r.clusterName("search-002")
                .principalArn(ci)
                .policyArn(POLICY + "AmazonEKSEditPolicy")
                .accessScope(s -> s.type(AccessScopeType.NAMESPACE).namespaces("search")));
    AssociatedAccessPolicy widened =
        eks.associateAccessPolicy(
                r ->
                    r.clusterName("search-002")
                        .principalArn(ci)
                        .policyArn(POLICY + "AmazonEKSEditPolicy")
                        .accessScope(
                            s -> s.type(AccessScopeType.NAMESPACE).namespaces("search", "dev-*")))
            .associatedAccessPolicy();

    assertEquals(List.of("search"), first.accessScope().namespaces());
    assertEquals(List.of("search", "dev-*"), widened.accessScope().namespaces());
    assertEquals(first.associatedAt(), widened.associatedAt(), "still the same association");
    List<AssociatedAccessPolicy> now =
        eks.listAssociatedAccessPolicies(r -> r.clusterName("search-002").principalArn(ci))
            .associatedAccessPolicies();
    assertEquals(1, now.size(), "each policy at most once per entry");
    assertEquals(List.of("search", "dev-*"), now.get(0).accessScope().namespaces());
    assertEquals(
        List.of("created", "replayed", "ok"),
        sim.journal().since(since).stream()
            .filter(e -> e.operation().equals("AssociateAccessPolicy"))
            .filter(e -> e.resource().equals("search-002/" + ci))
            .map(JournalEntry::outcome)
            .toList());
  }

  @Test
  void associateAccessPolicy_refusesWhatEksRefuses() {
    String ci = "arn:aws:iam::123456789012:role/ci-refused";
    eks.createAccessEntry(r -> r.clusterName("identity-003").principalArn(ci));

    assertThrows(
        ResourceNotFoundException.class,
        () ->
            eks.associateAccessPolicy(
                r ->
                    r.clusterName("identity-003")
                        .principalArn("arn:aws:iam::123456789012:role/nobody")
                        .policyArn(POLICY + "AmazonEKSViewPolicy")
                        .accessScope(s -> s.type(AccessScopeType.CLUSTER))));
    assertThrows(
        ResourceNotFoundException.class,
        () ->
            eks.listAssociatedAccessPolicies(
                r ->
                    r.clusterName("identity-003")
                        .principalArn("arn:aws:iam::123456789012:role/nobody")));
    assertThrows(
        InvalidParameterException.class,
        () ->
            eks.associateAccessPolicy(
                r ->
                    r.clusterName("identity-003")
                        .principalArn(ci)
                        .policyArn(POLICY + "AmazonEKSEditPolicy")
                        .accessScope(s -> s.type(AccessScopeType.NAMESPACE))),
        "a namespace scope needs namespaces");
    assertThrows(
        InvalidParameterException.class,
        () ->
            eks.associateAccessPolicy(
                r ->
                    r.clusterName("identity-003")
                        .principalArn(ci)
                        .policyArn(POLICY + "AmazonEKSEditPolicy")
                        .accessScope(s -> s.type(AccessScopeType.CLUSTER).namespaces("identity"))),
        "a cluster scope takes no namespaces");
    assertThrows(
        InvalidParameterException.class,
        () ->
            eks.associateAccessPolicy(
                r ->
                    r.clusterName("identity-003")
                        .principalArn(ci)
                        .policyArn("arn:aws:iam::aws:policy/AdministratorAccess")
                        .accessScope(s -> s.type(AccessScopeType.CLUSTER))),
        "IAM policies are not access policies");
    assertThrows(
        InvalidParameterException.class,
        () ->
            eks.associateAccessPolicy(
                r ->
                    r.clusterName("identity-003")
                        .principalArn(ci)
                        .policyArn(POLICY + "AmazonEKSViewPolicy")
                        .accessScope(s -> s.type(AccessScopeType.NAMESPACE).namespaces("Bad_NS"))));
    assertThrows(
        InvalidRequestException.class,
        () ->
            eks.associateAccessPolicy(
                r ->
                    r.clusterName("identity-003")
                        .principalArn(NODES)
                        .policyArn(POLICY + "AmazonEKSViewPolicy")
                        .accessScope(s -> s.type(AccessScopeType.CLUSTER))),
        "only STANDARD entries take policies");
    assertEquals(
        List.of(),
        eks.listAssociatedAccessPolicies(r -> r.clusterName("identity-003").principalArn(ci))
            .associatedAccessPolicies());
  }

  // ---------------------------------------------------------------- control plane

  @Test
  void createCluster_controlPlaneConfiguration_isEchoedByDescribeCluster() {
    eks.createCluster(
        newCluster("search-config-1")
            .resourcesVpcConfig(
                v ->
                    v.subnetIds("subnet-search-002-a", "subnet-search-002-b")
                        .endpointPublicAccess(false)
                        .endpointPrivateAccess(true)
                        .publicAccessCidrs("198.51.100.0/24"))
            .logging(
                l ->
                    l.clusterLogging(
                        LogSetup.builder().enabled(true).types(LogType.API, LogType.AUDIT).build()))
            .encryptionConfig(
                EncryptionConfig.builder()
                    .resources("secrets")
                    .provider(p -> p.keyArn(KEY))
                    .build())
            .kubernetesNetworkConfig(k -> k.serviceIpv4Cidr("10.100.0.0/16").ipFamily("ipv4"))
            .accessConfig(a -> a.authenticationMode(AuthenticationMode.API))
            .build());

    Cluster c = eks.describeCluster(r -> r.name("search-config-1")).cluster();

    assertEquals(false, c.resourcesVpcConfig().endpointPublicAccess());
    assertEquals(true, c.resourcesVpcConfig().endpointPrivateAccess());
    assertEquals(List.of("198.51.100.0/24"), c.resourcesVpcConfig().publicAccessCidrs());
    LogSetup enabled =
        c.logging().clusterLogging().stream().filter(LogSetup::enabled).findFirst().orElseThrow();
    assertEquals(List.of(LogType.API, LogType.AUDIT), enabled.types());
    LogSetup disabled =
        c.logging().clusterLogging().stream().filter(s -> !s.enabled()).findFirst().orElseThrow();
    assertEquals(
        List.of(LogType.AUTHENTICATOR, LogType.CONTROLLER_MANAGER, LogType.SCHEDULER),
        disabled.types(),
        "EKS lists the log types that are off too");
    assertEquals(1, c.encryptionConfig().size());
    assertEquals(KEY, c.encryptionConfig().get(0).provider().keyArn());
    assertEquals(List.of("secrets"), c.encryptionConfig().get(0).resources());
    assertEquals("10.100.0.0/16", c.kubernetesNetworkConfig().serviceIpv4Cidr());
    assertEquals("ipv4", c.kubernetesNetworkConfig().ipFamilyAsString());
    assertEquals(AuthenticationMode.API, c.accessConfig().authenticationMode());
  }

  @Test
  void createCluster_withoutConfiguration_reportsEksDefaults() {
    eks.createCluster(newCluster("search-config-2").build());

    Cluster c = eks.describeCluster(r -> r.name("search-config-2")).cluster();

    assertEquals(true, c.resourcesVpcConfig().endpointPublicAccess());
    assertEquals(false, c.resourcesVpcConfig().endpointPrivateAccess());
    assertEquals(List.of("0.0.0.0/0"), c.resourcesVpcConfig().publicAccessCidrs());
    assertTrue(c.logging().clusterLogging().stream().noneMatch(LogSetup::enabled));
    assertEquals(List.of(), c.encryptionConfig());
    assertEquals("172.20.0.0/16", c.kubernetesNetworkConfig().serviceIpv4Cidr());
  }

  @Test
  void createCluster_refusesAControlPlaneEksWouldRefuse() {
    assertThrows(
        InvalidParameterException.class,
        () ->
            eks.createCluster(
                newCluster("search-config-3")
                    .resourcesVpcConfig(
                        v ->
                            v.subnetIds("subnet-search-002-a", "subnet-search-002-b")
                                .endpointPublicAccess(false)
                                .endpointPrivateAccess(false))
                    .build()),
        "no endpoint at all");
    assertThrows(
        InvalidParameterException.class,
        () ->
            eks.createCluster(
                newCluster("search-config-3")
                    .encryptionConfig(
                        EncryptionConfig.builder()
                            .resources("configmaps")
                            .provider(p -> p.keyArn(KEY))
                            .build())
                    .build()),
        "EKS encrypts secrets only");
    assertThrows(
        InvalidParameterException.class,
        () ->
            eks.createCluster(
                newCluster("search-config-3")
                    .kubernetesNetworkConfig(k -> k.serviceIpv4Cidr("8.8.0.0/16"))
                    .build()),
        "service CIDR outside the private ranges");
    assertTrue(sim.clusterStatus("search-config-3").isEmpty(), "nothing was created");
  }

  @Test
  void demoFleet_seedsItsControlPlaneConfiguration() {
    Cluster c = eks.describeCluster(r -> r.name("identity-003")).cluster();

    assertEquals(true, c.resourcesVpcConfig().endpointPrivateAccess());
    assertEquals(List.of("203.0.113.0/24"), c.resourcesVpcConfig().publicAccessCidrs());
    assertTrue(c.encryptionConfig().get(0).provider().keyArn().startsWith("arn:aws:kms:"));
    assertTrue(
        c.logging().clusterLogging().stream()
            .anyMatch(s -> s.enabled() && s.types().contains(LogType.AUDIT)));
  }

  // ---------------------------------------------------------------- node group updateConfig

  @Test
  void nodegroupUpdateConfig_isStored_returned_andChangedByUpdateNodegroupConfig() {
    eks.createCluster(newCluster("search-update-1").build());
    eks.waiter().waitUntilClusterActive(r -> r.name("search-update-1"), fastPolling());
    assertThrows(
        InvalidParameterException.class,
        () ->
            eks.createNodegroup(
                r ->
                    nodegroup(r, "both")
                        .updateConfig(u -> u.maxUnavailable(1).maxUnavailablePercentage(10))),
        "a count or a percentage, never both");
    eks.createNodegroup(
        r -> nodegroup(r, "batch").updateConfig(u -> u.maxUnavailablePercentage(33)));

    NodegroupUpdateConfig created = updateConfigOf("batch");
    assertEquals(33, created.maxUnavailablePercentage());
    assertNull(created.maxUnavailable());

    eks.waiter()
        .waitUntilNodegroupActive(
            r -> r.clusterName("search-update-1").nodegroupName("batch"), fastPolling());
    eks.updateNodegroupConfig(
        r ->
            r.clusterName("search-update-1")
                .nodegroupName("batch")
                .updateConfig(u -> u.maxUnavailable(2)));
    eks.waiter()
        .waitUntilNodegroupActive(
            r -> r.clusterName("search-update-1").nodegroupName("batch"), fastPolling());

    NodegroupUpdateConfig updated = updateConfigOf("batch");
    assertEquals(2, updated.maxUnavailable());
    assertNull(updated.maxUnavailablePercentage(), "a count replaces the percentage");
  }

  @Test
  void nodegroupWithoutUpdateConfig_getsEksDefault_ofOneNodeAtATime() {
    NodegroupUpdateConfig general =
        eks.describeNodegroup(r -> r.clusterName("payments-001").nodegroupName("general"))
            .nodegroup()
            .updateConfig();
    NodegroupUpdateConfig batch =
        eks.describeNodegroup(r -> r.clusterName("payments-001").nodegroupName("batch"))
            .nodegroup()
            .updateConfig();

    assertEquals(1, general.maxUnavailable());
    assertEquals(25, batch.maxUnavailablePercentage(), "the demo fleet's batch groups");
    assertNotEquals(general, batch);
  }

  private static software.amazon.awssdk.services.eks.model.CreateNodegroupRequest.Builder nodegroup(
      software.amazon.awssdk.services.eks.model.CreateNodegroupRequest.Builder r, String name) {
    return r.clusterName("search-update-1")
        .nodegroupName(name)
        .nodeRole(NODES)
        .subnets("subnet-search-002-a")
        .instanceTypes("c6i.xlarge")
        .scalingConfig(s -> s.minSize(0).maxSize(3).desiredSize(1))
        .labels(Map.of("workload", name));
  }

  private static NodegroupUpdateConfig updateConfigOf(String name) {
    return eks.describeNodegroup(r -> r.clusterName("search-update-1").nodegroupName(name))
        .nodegroup()
        .updateConfig();
  }

  private static long lastSeq() {
    List<JournalEntry> all = sim.journal().entries();
    return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
  }
}
