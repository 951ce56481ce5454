package dev.bluegreen.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manifests of the kustomize base, {@code deploy/kubernetes/base}, stay true to the services:
 * every service under {@code services/} has a Deployment and a Service, on the port its
 * application.properties sets, with liveness and readiness probes on Quarkus' health endpoints, a
 * memory limit, a bounded heap and the Kafka bootstrap servers; secrets only come from Secrets;
 * each service account carries its service's IAM role (IRSA, {@code deploy/iam}) and only the
 * deployer and the decommissioner have Kubernetes RBAC, to Argo CD's objects in its namespace. The
 * overlays are rendered and checked by {@link KustomizeOverlaysTest}.
 */
class KubernetesManifestsTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path MANIFESTS = ROOT.resolve("deploy/kubernetes/base");
  private static final String KUSTOMIZATION = "kustomization.yaml";
  private static final List<JsonNode> DOCUMENTS = new ArrayList<>();

  @BeforeAll
  static void readManifests() throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    try (Stream<Path> files = Files.list(MANIFESTS)) {
      for (Path file : manifestFiles(files)) {
        try (MappingIterator<JsonNode> docs =
            yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
          while (docs.hasNext()) {
            JsonNode doc = docs.next();
            if (doc != null && !doc.isEmpty()) {
              DOCUMENTS.add(doc);
            }
          }
        }
      }
    }
  }

  private static List<Path> manifestFiles(Stream<Path> files) {
    return files
        .filter(f -> f.toString().endsWith(".yaml"))
        .filter(f -> !f.getFileName().toString().equals(KUSTOMIZATION))
        .sorted()
        .toList();
  }

  @Test
  void theBaseKustomization_listsEveryManifestFile() throws IOException {
    JsonNode kustomization = new YAMLMapper().readTree(MANIFESTS.resolve(KUSTOMIZATION).toFile());
    Set<String> listed = new TreeSet<>();
    kustomization.path("resources").forEach(r -> listed.add(r.asText()));
    Set<String> files = new TreeSet<>();
    try (Stream<Path> list = Files.list(MANIFESTS)) {
      manifestFiles(list).forEach(f -> files.add(f.getFileName().toString()));
    }
    assertEquals(files, listed, "a manifest left out of " + KUSTOMIZATION + " is never installed");
  }

  /** Each service module and its HTTP port. */
  private static Map<String, Integer> services() throws IOException {
    Map<String, Integer> services = new TreeMap<>();
    try (Stream<Path> dirs = Files.list(ROOT.resolve("services"))) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        Path properties = dir.resolve("src/main/resources/application.properties");
        if (!Files.exists(properties)) {
          continue;
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(properties)) {
          p.load(reader);
        }
        services.put(
            dir.getFileName().toString(), Integer.parseInt(p.getProperty("quarkus.http.port")));
      }
    }
    return services;
  }

  private static JsonNode find(String kind, String name) {
    return DOCUMENTS.stream()
        .filter(d -> kind.equals(d.path("kind").asText()))
        .filter(d -> name.equals(d.path("metadata").path("name").asText()))
        .findFirst()
        .orElse(null);
  }

  @Test
  void everyService_hasADeploymentWithLivenessAndReadinessProbesOnItsPort() throws IOException {
    Map<String, Integer> services = services();
    assertTrue(services.size() >= 6, "services found: " + services.keySet());
    for (Map.Entry<String, Integer> service : services.entrySet()) {
      String name = service.getKey();
      JsonNode deployment = find("Deployment", name);
      assertNotNull(deployment, "no Deployment for " + name);
      JsonNode container = deployment.at("/spec/template/spec/containers/0");
      assertEquals(
          service.getValue().intValue(),
          container.at("/ports/0/containerPort").asInt(),
          name + ": containerPort differs from quarkus.http.port");
      assertEquals(
          "/q/health/live",
          container.at("/livenessProbe/httpGet/path").asText(),
          name + " liveness");
      assertEquals(
          "/q/health/ready",
          container.at("/readinessProbe/httpGet/path").asText(),
          name + " readiness");
      assertEquals("http", container.at("/readinessProbe/httpGet/port").asText(), name);
      assertEquals("http", container.at("/livenessProbe/httpGet/port").asText(), name);
      assertFalse(
          container.at("/resources/limits/memory").asText().isEmpty(), name + ": memory limit");
      assertFalse(
          container.at("/resources/requests/cpu").asText().isEmpty(), name + ": cpu request");
      assertTrue(env(container, "JAVA_OPTS").path("value").asText().contains("-Xmx"), name);
      assertFalse(env(container, "KAFKA_BOOTSTRAP_SERVERS").isMissingNode(), name + ": Kafka");
      assertEquals("true", env(container, "BLUEGREEN_LOG_JSON").path("value").asText(), name);
      JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
      deployment
          .at("/spec/selector/matchLabels")
          .fields()
          .forEachRemaining(
              label ->
                  assertEquals(
                      label.getValue(),
                      podLabels.path(label.getKey()),
                      name + ": the selector matches the pod's labels"));
    }
  }

  @Test
  void everyService_hasAServiceSelectingItsPods_onItsPort() throws IOException {
    for (Map.Entry<String, Integer> service : services().entrySet()) {
      String name = service.getKey();
      JsonNode svc = find("Service", name);
      assertNotNull(svc, "no Service for " + name);
      assertEquals(name, svc.at("/spec/selector/app.kubernetes.io~1name").asText(), name);
      assertEquals(service.getValue().intValue(), svc.at("/spec/ports/0/port").asInt(), name);
    }
  }

  @Test
  void theOrchestrator_trustsTheOidcIssuerAndAudienceOfThePlatformConfig() throws IOException {
    JsonNode container = find("Deployment", "orchestrator").at("/spec/template/spec/containers/0");
    for (String key : List.of("QUARKUS_OIDC_AUTH_SERVER_URL", "QUARKUS_OIDC_TOKEN_AUDIENCE")) {
      JsonNode ref = env(container, key).at("/valueFrom/configMapKeyRef");
      assertEquals("bluegreen-platform", ref.path("name").asText(), key);
      assertFalse(
          find("ConfigMap", "bluegreen-platform")
              .at("/data/" + ref.path("key").asText())
              .asText()
              .isEmpty(),
          key + " has a value in the platform ConfigMap");
    }
  }

  @Test
  void theOrchestrator_replicatesItsStreamsTopicsAsThePlatformConfigSays() throws IOException {
    JsonNode container = find("Deployment", "orchestrator").at("/spec/template/spec/containers/0");
    JsonNode platform = find("ConfigMap", "bluegreen-platform");
    Map<String, String> production =
        Map.of(
            "BLUEGREEN_KAFKA_REPLICATION_FACTOR", "3", "BLUEGREEN_KAFKA_MIN_INSYNC_REPLICAS", "2");
    production.forEach(
        (key, value) -> {
          JsonNode ref = env(container, key).at("/valueFrom/configMapKeyRef");
          assertEquals("bluegreen-platform", ref.path("name").asText(), key);
          assertEquals(
              value,
              platform.at("/data/" + ref.path("key").asText()).asText(),
              key + ": production's value in the platform ConfigMap");
        });
  }

  @Test
  void theCloudServices_readTheAwsRegion_andTheNotifierItsWebhookFromASecret() throws IOException {
    for (String name : services().keySet()) {
      JsonNode container = find("Deployment", name).at("/spec/template/spec/containers/0");
      if (name.equals("notifier")) {
        JsonNode webhook = env(container, "BLUEGREEN_NOTIFIER_ROUTES_0__WEBHOOK_URL");
        assertFalse(webhook.path("valueFrom").path("secretKeyRef").isMissingNode(), "webhook");
      } else {
        assertFalse(env(container, "BLUEGREEN_AWS_REGION").isMissingNode(), name + ": region");
      }
      for (JsonNode e : container.path("env")) {
        String key = e.path("name").asText().toUpperCase();
        boolean secretish =
            key.contains("SECRET")
                || key.contains("TOKEN")
                || key.contains("WEBHOOK")
                || key.contains("PASSWORD")
                || key.contains("ACCESS_KEY");
        if (secretish) {
          assertTrue(
              e.path("value").isMissingNode(), name + ": " + key + " must come from a Secret");
        }
      }
    }
  }

  @Test
  void everyService_logsInToKafkaAsItsOwnPrincipal_withThePasswordFromItsSecret()
      throws IOException {
    for (String name : services().keySet()) {
      JsonNode container = find("Deployment", name).at("/spec/template/spec/containers/0");
      assertEquals(name, env(container, "BLUEGREEN_KAFKA_USERNAME").path("value").asText(), name);
      JsonNode password = env(container, "BLUEGREEN_KAFKA_PASSWORD").at("/valueFrom/secretKeyRef");
      assertEquals("bluegreen-kafka-" + name, password.path("name").asText(), name);
      assertEquals("password", password.path("key").asText(), name);
      assertEquals(
          "KAFKA_SECURITY_PROTOCOL",
          env(container, "BLUEGREEN_KAFKA_SECURITY_PROTOCOL")
              .at("/valueFrom/configMapKeyRef/key")
              .asText(),
          name);
    }
    assertTrue(
        find("ConfigMap", "bluegreen-platform")
            .at("/data/KAFKA_SECURITY_PROTOCOL")
            .asText()
            .startsWith("SASL_"),
        "the manifests authenticate to Kafka");
  }

  /** The only service accounts with a Role, and what each may do in Argo CD's namespace. */
  private static final Map<String, Map<String, Set<String>>> ARGO_CD_ACCESS =
      Map.of(
          "deployer",
          Map.of(
              "secrets", Set.of("get", "list", "create", "patch", "delete"),
              "argoproj.io/applications", Set.of("get", "list")),
          "decommissioner",
          Map.of("secrets", Set.of("list", "delete")));

  @Test
  void rbac_onlyTheDeployerAndDecommissioner_reachArgoCdsSecretsAndApplications_inItsNamespace()
      throws IOException {
    assertTrue(
        DOCUMENTS.stream()
            .map(d -> d.path("kind").asText())
            .noneMatch(k -> k.equals("ClusterRole") || k.equals("ClusterRoleBinding")),
        "no cluster-wide RBAC");
    Map<String, Map<String, Set<String>>> granted = new TreeMap<>();
    for (JsonNode binding : kinds("RoleBinding")) {
      assertEquals("argocd", binding.at("/metadata/namespace").asText(), "binding namespace");
      assertEquals("Role", binding.at("/roleRef/kind").asText());
      JsonNode role = find("Role", binding.at("/roleRef/name").asText());
      assertNotNull(role, "the Role of " + binding.at("/metadata/name").asText());
      assertEquals("argocd", role.at("/metadata/namespace").asText(), "role namespace");
      for (JsonNode subject : binding.path("subjects")) {
        assertEquals("ServiceAccount", subject.path("kind").asText());
        assertEquals("bluegreen", subject.path("namespace").asText());
        String service = subject.path("name").asText().replaceFirst("^bluegreen-", "");
        Map<String, Set<String>> access = granted.computeIfAbsent(service, k -> new TreeMap<>());
        for (JsonNode rule : role.path("rules")) {
          for (JsonNode group : rule.path("apiGroups")) {
            for (JsonNode resource : rule.path("resources")) {
              String key =
                  (group.asText().isEmpty() ? "" : group.asText() + "/") + resource.asText();
              for (JsonNode verb : rule.path("verbs")) {
                access.computeIfAbsent(key, k -> new TreeSet<>()).add(verb.asText());
              }
            }
          }
        }
      }
    }
    assertEquals(ARGO_CD_ACCESS, granted);
  }

  @Test
  void serviceAccounts_carryTheirServicesIamRole_andOnlyArgoCdUsersMountAToken()
      throws IOException {
    for (String name : services().keySet()) {
      JsonNode account = find("ServiceAccount", "bluegreen-" + name);
      assertNotNull(account, name + ": ServiceAccount bluegreen-" + name);
      assertEquals(
          "bluegreen-" + name,
          find("Deployment", name).at("/spec/template/spec/serviceAccountName").asText());
      String role = account.at("/metadata/annotations/eks.amazonaws.com~1role-arn").asText();
      boolean hasPolicy = Files.exists(ROOT.resolve("deploy/iam/" + name + ".json"));
      assertEquals(
          hasPolicy,
          role.endsWith(":role/bluegreen-" + name),
          name + ": IRSA role bluegreen-" + name + " exactly when deploy/iam/" + name + ".json is");
      boolean mountsToken = account.path("automountServiceAccountToken").asBoolean(true);
      assertEquals(ARGO_CD_ACCESS.containsKey(name), mountsToken, name + ": token mounted");
    }
  }

  private static List<JsonNode> kinds(String kind) {
    return DOCUMENTS.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
  }

  private static JsonNode env(JsonNode container, String name) {
    for (JsonNode e : container.path("env")) {
      if (name.equals(e.path("name").asText())) {
        return e;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }
}
