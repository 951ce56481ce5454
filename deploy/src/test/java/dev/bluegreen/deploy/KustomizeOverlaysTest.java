package dev.bluegreen.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The overlays in {@code deploy/kubernetes/overlays} render with {@code kubectl kustomize} and say
 * what they promise: production runs two or more replicas of every Deployment of the base with
 * requests, limits and probes, a ServiceMonitor per service, NetworkPolicies that deny ingress but
 * for the API and the scrapes, an IAM role on each service account that has one in the base, and
 * images of a registry; local runs one of each and no ServiceMonitor. Skipped only where no {@code
 * kubectl} is on the PATH; {@code .ci/run} installs it first ({@code bin/ensure-kubectl}).
 */
class KustomizeOverlaysTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path KUSTOMIZE = ROOT.resolve("deploy/kubernetes");
  private static final YAMLMapper YAML = new YAMLMapper();

  /** The base's Deployments by name, read from its files (no kubectl needed). */
  private static final Map<String, JsonNode> BASE_DEPLOYMENTS = new TreeMap<>();

  /** The base's service accounts with an IRSA role, by name. */
  private static final Set<String> BASE_ROLE_ACCOUNTS = new TreeSet<>();

  private static final String ROLE_ARN = "eks.amazonaws.com~1role-arn";

  /** The label Kubernetes (1.21+) puts on every namespace: its name. */
  private static final String NAMESPACE_NAME = "kubernetes.io~1metadata.name";

  @BeforeAll
  static void readBase() throws IOException {
    try (Stream<Path> files = Files.list(KUSTOMIZE.resolve("base"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (JsonNode doc : parse(Files.readString(file))) {
          String name = doc.at("/metadata/name").asText();
          if (doc.path("kind").asText().equals("Deployment")) {
            BASE_DEPLOYMENTS.put(name, doc);
          }
          if (doc.path("kind").asText().equals("ServiceAccount")
              && !doc.at("/metadata/annotations/" + ROLE_ARN).isMissingNode()) {
            BASE_ROLE_ACCOUNTS.add(name);
          }
        }
      }
    }
    assertTrue(BASE_DEPLOYMENTS.size() >= 6, "base Deployments: " + BASE_DEPLOYMENTS.keySet());
  }

  @Test
  void production_runsEveryDeploymentOfTheBase_twiceOrMore_withResourcesAndProbes()
      throws Exception {
    List<JsonNode> rendered = render("production");
    for (String name : BASE_DEPLOYMENTS.keySet()) {
      JsonNode deployment = find(rendered, "Deployment", name);
      assertNotNull(deployment, "production: no Deployment " + name);
      assertTrue(deployment.at("/spec/replicas").asInt() >= 2, name + ": replicas");
      JsonNode container = deployment.at("/spec/template/spec/containers/0");
      JsonNode resources = container.path("resources");
      for (String field : List.of("requests/cpu", "requests/memory", "limits/memory")) {
        assertFalse(resources.at("/" + field).asText().isEmpty(), name + ": " + field);
      }
      assertEquals(
          resources.at("/limits/memory").asText(),
          resources.at("/requests/memory").asText(),
          name + ": memory requested as limited");
      assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText(), name);
      assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText(), name);
      String image = container.path("image").asText();
      assertFalse(
          image.startsWith("bluegreen/") || image.endsWith(":dev"),
          name + ": a registry's released image, not the local build: " + image);
    }
    JsonNode platform = find(rendered, "ConfigMap", "bluegreen-platform");
    assertTrue(
        platform.at("/data/KAFKA_STREAMS_STANDBY_REPLICAS").asInt() >= 1,
        "orchestrator replicas keep a standby copy of each other's stores");
  }

  @Test
  void production_scrapesEveryService_withAServiceMonitorOnQMetrics() throws Exception {
    List<JsonNode> rendered = render("production");
    for (String name : BASE_DEPLOYMENTS.keySet()) {
      JsonNode monitor =
          kinds(rendered, "ServiceMonitor").stream()
              .filter(
                  m ->
                      name.equals(
                          m.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText()))
              .findFirst()
              .orElse(null);
      assertNotNull(monitor, "production: no ServiceMonitor selecting " + name);
      assertEquals("monitoring.coreos.com/v1", monitor.path("apiVersion").asText(), name);
      assertEquals("bluegreen", monitor.at("/metadata/namespace").asText(), name);
      assertEquals("/q/metrics", monitor.at("/spec/endpoints/0/path").asText(), name);
      String port = monitor.at("/spec/endpoints/0/port").asText();
      JsonNode service = find(rendered, "Service", name);
      assertNotNull(service, "production: no Service " + name);
      assertEquals(port, service.at("/spec/ports/0/name").asText(), name + ": scraped port's name");
    }
  }

  @Test
  void production_deniesIngress_butTheApiAndEachServicesPortFromMonitoring() throws Exception {
    List<JsonNode> policies = kinds(render("production"), "NetworkPolicy");
    assertTrue(
        policies.stream()
            .anyMatch(
                p ->
                    p.at("/spec/podSelector").isEmpty()
                        && p.at("/spec/policyTypes").toString().contains("Ingress")
                        && p.at("/spec/ingress").isMissingNode()),
        "a default deny of ingress to every pod of the namespace");
    for (JsonNode policy : policies) {
      assertEquals("bluegreen", policy.at("/metadata/namespace").asText(), "policy namespace");
    }
    assertTrue(
        admits(policies, "orchestrator", 8080, rule -> rule.path("from").isMissingNode()),
        "the orchestrator's API on 8080");
    for (Map.Entry<String, JsonNode> deployment : BASE_DEPLOYMENTS.entrySet()) {
      int port =
          deployment
              .getValue()
              .at("/spec/template/spec/containers/0/ports/0/containerPort")
              .asInt();
      assertTrue(
          admits(
              policies,
              deployment.getKey(),
              port,
              rule ->
                  "monitoring"
                      .equals(
                          rule.at("/from/0/namespaceSelector/matchLabels/" + NAMESPACE_NAME)
                              .asText())),
          deployment.getKey() + ": port " + port + " from the monitoring namespace");
    }
  }

  @Test
  void production_givesEachServiceAccountOfTheBaseWithARole_itsRole_andKeepsRbacInArgoCd()
      throws Exception {
    List<JsonNode> rendered = render("production");
    Set<String> withRole = new TreeSet<>();
    for (JsonNode account : kinds(rendered, "ServiceAccount")) {
      String name = account.at("/metadata/name").asText();
      String role = account.at("/metadata/annotations/" + ROLE_ARN).asText();
      if (!role.isEmpty()) {
        assertTrue(
            role.matches("arn:aws:iam::\\d{12}:role/.+") && role.endsWith(":role/" + name),
            name + ": " + role);
        withRole.add(name);
      }
    }
    assertEquals(BASE_ROLE_ACCOUNTS, withRole, "the service accounts with an IAM role");
    for (String kind : List.of("Role", "RoleBinding")) {
      for (JsonNode rbac : kinds(rendered, kind)) {
        assertEquals("argocd", rbac.at("/metadata/namespace").asText(), kind + " namespace");
      }
    }
  }

  @Test
  void local_runsOneOfEachDeploymentOfTheBase_withoutServiceMonitorsOrNetworkPolicies()
      throws Exception {
    List<JsonNode> rendered = render("local");
    for (String name : BASE_DEPLOYMENTS.keySet()) {
      JsonNode deployment = find(rendered, "Deployment", name);
      assertNotNull(deployment, "local: no Deployment " + name);
      assertEquals(1, deployment.at("/spec/replicas").asInt(), name + ": replicas");
      JsonNode container = deployment.at("/spec/template/spec/containers/0");
      assertFalse(container.at("/resources/limits/memory").asText().isEmpty(), name);
      assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
    }
    assertTrue(kinds(rendered, "ServiceMonitor").isEmpty(), "local: no ServiceMonitor");
    assertTrue(kinds(rendered, "NetworkPolicy").isEmpty(), "local: no NetworkPolicy");
  }

  /** Whether a policy selecting the service's pods admits TCP {@code port} by a matching rule. */
  private static boolean admits(
      List<JsonNode> policies, String service, int port, Predicate<JsonNode> rule) {
    for (JsonNode policy : policies) {
      String selected = policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText();
      if (!selected.equals(service)) {
        continue;
      }
      for (JsonNode ingress : policy.at("/spec/ingress")) {
        for (JsonNode p : ingress.path("ports")) {
          if (p.path("port").asInt() == port && rule.test(ingress)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** {@code kubectl kustomize} of an overlay, parsed; skips the test where kubectl is absent. */
  private static List<JsonNode> render(String overlay) throws Exception {
    Assumptions.assumeTrue(
        onPath("kubectl"),
        "kubectl is not on the PATH: bin/ensure-kubectl installs it (.ci/run runs it first)");
    Path out = Files.createTempFile("kustomize-" + overlay, ".yaml");
    Path err = Files.createTempFile("kustomize-" + overlay, ".err");
    try {
      Process kubectl =
          new ProcessBuilder(
                  "kubectl", "kustomize", KUSTOMIZE.resolve("overlays/" + overlay).toString())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!kubectl.waitFor(60, TimeUnit.SECONDS)) {
        kubectl.destroyForcibly();
        fail("kubectl kustomize " + overlay + " took over 60 s");
      }
      assertEquals(
          0,
          kubectl.exitValue(),
          "kubectl kustomize " + overlay + ": " + Files.readString(err, StandardCharsets.UTF_8));
      List<JsonNode> docs = parse(Files.readString(out, StandardCharsets.UTF_8));
      assertFalse(docs.isEmpty(), overlay + " rendered nothing");
      return docs;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  private static List<JsonNode> parse(String yaml) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isEmpty()) {
          docs.add(doc);
        }
      }
    }
    return docs;
  }

  private static List<JsonNode> kinds(List<JsonNode> docs, String kind) {
    return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
  }

  private static JsonNode find(List<JsonNode> docs, String kind, String name) {
    return kinds(docs, kind).stream()
        .filter(d -> name.equals(d.at("/metadata/name").asText()))
        .findFirst()
        .orElse(null);
  }
}
