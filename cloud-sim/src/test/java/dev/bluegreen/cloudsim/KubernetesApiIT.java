package dev.bluegreen.cloudsim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.cloudsim.core.Fleet;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.EksClient;

/** Each cluster's Kubernetes API and the simulated Argo CD, driven through the fabric8 client. */
class KubernetesApiIT {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static CloudSim sim;
  private static KubernetesClient blue;
  private static KubernetesClient mgmt;

  @BeforeAll
  static void start() {
    // Argo CD syncs take 2 simulated minutes: 120 ms at this compression.
    sim =
        CloudSim.start(
            CloudSimConfig.defaults().withTimeCompression(1_000).withFleet(Fleet.demo()));
    blue = SimClients.kubernetes(sim, "payments-001");
    mgmt = SimClients.kubernetes(sim, sim.managementCluster());
  }

  @AfterAll
  static void stop() {
    blue.close();
    mgmt.close();
    sim.close();
  }

  @AfterEach
  void clearFaults() {
    sim.faults().clear();
  }

  @Test
  void awsAuthConfigMap_isServedWhereTheFleetDeclaresOne_asEksctlWritesIt() throws Exception {
    try (KubernetesClient search = SimClients.kubernetes(sim, "search-002")) {
      ConfigMap awsAuth = search.configMaps().inNamespace("kube-system").withName("aws-auth").get();
      List<Map<String, Object>> mapRoles =
          YAML.readValue(awsAuth.getData().get("mapRoles"), new TypeReference<>() {});
      assertEquals(
          Map.of(
              "rolearn",
              "arn:aws:iam::123456789012:role/search-oncall",
              "username",
              "search-oncall:{{SessionName}}",
              "groups",
              List.of("system:masters")),
          mapRoles.get(1));
      assertEquals(List.of("system:bootstrappers", "system:nodes"), mapRoles.get(0).get("groups"));
      assertTrue(
          awsAuth.getData().get("mapUsers").contains("userarn: "), awsAuth.getData()::toString);
    }
    assertNull(
        blue.configMaps().inNamespace("kube-system").withName("aws-auth").get(),
        "a cluster the fleet gives no aws-auth has none");
  }

  @Test
  void cronJobSuspend_roundTripsThroughFabric8_editAndMergePatch() {
    CronJob seeded =
        blue.batch().v1().cronjobs().inNamespace("payments").withName("settle-payments").get();
    assertFalse(seeded.getSpec().getSuspend());

    blue.batch()
        .v1()
        .cronjobs()
        .inNamespace("payments")
        .withName("settle-payments")
        .edit(
            cj -> {
              cj.getSpec().setSuspend(true);
              return cj;
            });
    assertTrue(
        blue.batch()
            .v1()
            .cronjobs()
            .inNamespace("payments")
            .withName("settle-payments")
            .get()
            .getSpec()
            .getSuspend());

    blue.batch()
        .v1()
        .cronjobs()
        .inNamespace("payments")
        .withName("settle-payments")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":false}}");
    CronJob resumed =
        blue.batch().v1().cronjobs().inNamespace("payments").withName("settle-payments").get();
    assertFalse(resumed.getSpec().getSuspend());
    assertTrue(
        Long.parseLong(resumed.getMetadata().getResourceVersion())
            > Long.parseLong(seeded.getMetadata().getResourceVersion()));
    assertEquals(
        List.of("suspend=true", "suspend=false"),
        sim.journal().entries().stream()
            .filter(e -> e.resource().equals("payments-001/payments/settle-payments"))
            .map(e -> e.note())
            .toList());
  }

  @Test
  void namespacesAndSecrets_createGetListDelete() {
    KubernetesClient k8s = SimClients.kubernetes(sim, "search-002");
    k8s.namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("smoke").endMetadata().build())
        .create();
    k8s.secrets()
        .inNamespace("smoke")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("token")
                .addToLabels("kind", "smoke")
                .endMetadata()
                .addToStringData("value", "s3cret")
                .build())
        .create();

    Secret secret = k8s.secrets().inNamespace("smoke").withName("token").get();
    assertEquals("czNjcmV0", secret.getData().get("value"), "stringData is stored base64 in data");
    assertEquals(
        1, k8s.secrets().inNamespace("smoke").withLabel("kind", "smoke").list().getItems().size());
    assertEquals(
        0, k8s.secrets().inNamespace("smoke").withLabel("kind", "other").list().getItems().size());

    k8s.secrets().inNamespace("smoke").withName("token").delete();
    assertNull(k8s.secrets().inNamespace("smoke").withName("token").get());
    k8s.close();
  }

  @Test
  void creatingADuplicate_isA409Conflict_andAMissingNamespace_a404() {
    KubernetesClientException duplicate =
        assertThrows(
            KubernetesClientException.class,
            () ->
                blue.namespaces()
                    .resource(
                        new NamespaceBuilder()
                            .withNewMetadata()
                            .withName("payments")
                            .endMetadata()
                            .build())
                    .create());
    assertEquals(409, duplicate.getCode());
    KubernetesClientException missing =
        assertThrows(
            KubernetesClientException.class,
            () ->
                blue.secrets()
                    .inNamespace("nope")
                    .resource(
                        new SecretBuilder().withNewMetadata().withName("x").endMetadata().build())
                    .create());
    assertEquals(404, missing.getCode());
  }

  @Test
  void nodesAndVersion_reflectTheEksCluster() {
    assertEquals(4, blue.nodes().list().getItems().size(), "3 general + 1 batch nodes");
    assertEquals("32", blue.getKubernetesVersion().getMinor());
  }

  @Test
  void argoCd_generatesHealthyApplicationsForANewClusterSecret_andPrunesThemOnDelete() {
    try (EksClient eks = SimClients.eks(sim)) {
      eks.createCluster(
          r ->
              r.name("payments-001-green")
                  .version("1.33")
                  .roleArn("arn:aws:iam::123456789012:role/eks-cluster-role")
                  .resourcesVpcConfig(
                      v -> v.subnetIds("subnet-payments-001-a", "subnet-payments-001-b")));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> sim.isActive("payments-001-green"));

    mgmt.secrets()
        .inNamespace("argocd")
        .resource(clusterSecret("payments-001-green", "payments"))
        .create();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              Map<String, String> health = applicationHealth("payments-001-green");
              assertEquals(
                  Map.of(
                      "payments-001-green-checkout",
                      "Healthy",
                      "payments-001-green-ledger",
                      "Healthy"),
                  health);
            });
    KubernetesClient green = SimClients.kubernetes(sim, "payments-001-green");
    assertEquals(
        2,
        green
            .apps()
            .deployments()
            .inNamespace("payments")
            .withName("checkout")
            .get()
            .getStatus()
            .getReadyReplicas());
    assertTrue(
        green
            .batch()
            .v1()
            .cronjobs()
            .inNamespace("payments")
            .withName("settle-payments")
            .get()
            .getSpec()
            .getSuspend(),
        "a new cluster gets its CronJobs suspended until they are handed over");
    green.close();

    mgmt.secrets().inNamespace("argocd").withName("cluster-payments-001-green").delete();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> applicationHealth("payments-001-green").isEmpty());
  }

  /**
   * Argo CD reconciles a cluster secret's write for that secret alone: an Application two secrets
   * generate stays while either is left, and a secret that stops being a cluster secret (its label
   * removed) prunes what it generated.
   */
  @Test
  void argoCd_keepsApplicationsWhileAnySecretGeneratesThem() {
    String cluster = "payments-010";
    Secret second = clusterSecret(cluster, "payments");
    second.getMetadata().setName("cluster-" + cluster + "-again");
    mgmt.secrets().inNamespace("argocd").resource(second).create();
    Secret third = clusterSecret("payments-003-extra", "payments");
    mgmt.secrets().inNamespace("argocd").resource(third).create();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> applicationHealth("payments-003-extra").size() == 2);

    // The fleet's own registration of payments-002 goes; the second one still generates its apps.
    String fleetSecret =
        mgmt
            .secrets()
            .inNamespace("argocd")
            .withLabel("argocd.argoproj.io/secret-type", "cluster")
            .list()
            .getItems()
            .stream()
            .filter(s -> !s.getMetadata().getName().equals(second.getMetadata().getName()))
            .filter(
                s ->
                    cluster.equals(
                        new String(
                            java.util.Base64.getDecoder().decode(s.getData().get("name")),
                            java.nio.charset.StandardCharsets.UTF_8)))
            .map(s -> s.getMetadata().getName())
            .findFirst()
            .orElseThrow();
    mgmt.secrets().inNamespace("argocd").withName(fleetSecret).delete();
    assertEquals(2, applicationHealth(cluster).size(), "the other secret still generates them");

    mgmt.secrets()
        .inNamespace("argocd")
        .withName(second.getMetadata().getName())
        .edit(
            s -> {
              s.getMetadata().getLabels().remove("argocd.argoproj.io/secret-type");
              return s;
            });
    assertTrue(applicationHealth(cluster).isEmpty(), "no cluster secret names it any more");
    assertEquals(
        2, applicationHealth("payments-003-extra").size(), "another cluster's apps are untouched");
  }

  @Test
  void argoDegradedFault_leavesTheApplicationDegraded() {
    sim.faults().add(Fault.argoDegraded("payments-004-green2-checkout"));
    try (EksClient eks = SimClients.eks(sim)) {
      eks.createCluster(
          r ->
              r.name("payments-004-green2")
                  .roleArn("arn:aws:iam::123456789012:role/eks-cluster-role")
                  .resourcesVpcConfig(
                      v -> v.subnetIds("subnet-payments-004-a", "subnet-payments-004-b")));
    }
    mgmt.secrets()
        .inNamespace("argocd")
        .resource(clusterSecret("payments-004-green2", "payments"))
        .create();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertEquals(
                    Map.of(
                        "payments-004-green2-checkout",
                        "Degraded",
                        "payments-004-green2-ledger",
                        "Healthy"),
                    applicationHealth("payments-004-green2")));
  }

  private static Secret clusterSecret(String cluster, String team) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("cluster-" + cluster)
        .withNamespace("argocd")
        .addToLabels("argocd.argoproj.io/secret-type", "cluster")
        .addToLabels("bluegreen.dev/team", team)
        .endMetadata()
        .addToStringData("name", cluster)
        .addToStringData("server", sim.kubernetesUrl(cluster))
        .build();
  }

  /** Application name to health status for the applications generated for one cluster. */
  @SuppressWarnings("unchecked")
  private static Map<String, String> applicationHealth(String cluster) {
    List<GenericKubernetesResource> apps =
        mgmt.genericKubernetesResources("argoproj.io/v1alpha1", "Application")
            .inNamespace("argocd")
            .list()
            .getItems();
    return apps.stream()
        .filter(a -> a.getMetadata().getName().startsWith(cluster + "-"))
        .collect(
            java.util.stream.Collectors.toMap(
                a -> a.getMetadata().getName(),
                a ->
                    String.valueOf(
                        ((Map<String, Object>)
                                ((Map<String, Object>) a.getAdditionalProperties().get("status"))
                                    .get("health"))
                            .get("status"))));
  }
}
