package dev.bluegreen.cloudsim.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated Argo CD on the management cluster. It reacts to writes of cluster secrets (label
 * {@code argocd.argoproj.io/secret-type=cluster}), ApplicationSets and Applications:
 *
 * <ul>
 *   <li>the {@code clusters} and {@code list} generators of each ApplicationSet produce one
 *       Application per matching cluster secret / element, rendered from the template ({@code
 *       {{name}}}, {@code {{server}}}, {@code {{metadata.labels.x}}}, also Go-template {@code
 *       {{.name}}} style);
 *   <li>a new Application starts OutOfSync/Progressing and turns Synced/Healthy after the argoSync
 *       lifecycle delay, or Degraded when an ARGO_DEGRADED fault matches it or the destination
 *       cluster's workloads are unhealthy; on success its workload appears as a Deployment and a
 *       Service in front of it on the destination cluster;
 *   <li>generated Applications whose cluster secret or ApplicationSet is gone are pruned.
 * </ul>
 */
public final class ArgoCdController {
  static final String SECRET_TYPE_LABEL = "argocd.argoproj.io/secret-type";
  static final String OWNER_LABEL = "bluegreen.dev/applicationset";
  private static final Pattern PARAM = Pattern.compile("\\{\\{\\s*\\.?([A-Za-z0-9_.\\-/]+)\\s*}}");

  private final World world;

  /** Which Applications each source (a cluster secret, an ApplicationSet's list) generates. */
  private final Map<String, Set<String>> wants = new HashMap<>();

  /** Which sources generate each Application ({@code ns/name}); empty means prune it. */
  private final Map<String, Set<String>> wantedBy = new HashMap<>();

  private boolean reconciling;
  private boolean paused;

  ArgoCdController(World world) {
    this.world = world;
  }

  /**
   * Holds reconciliation while a fleet is seeded: reconciling after each of 1,000 cluster secrets
   * would be quadratic. {@link #resume()} reconciles once.
   */
  void pause() {
    paused = true;
  }

  void resume() {
    paused = false;
    reconcile(KubeResourceType.SECRETS);
  }

  /**
   * Called after a write to the management cluster: a cluster secret's write is reconciled for that
   * secret alone ({@link #secretChanged}); anything else (ApplicationSets, Applications, a
   * namespace's deletion) reconciles everything.
   */
  void reconcile(KubeResourceType changed) {
    if (paused
        || reconciling
        || !(changed.equals(KubeResourceType.SECRETS)
            || changed.equals(KubeResourceType.APPLICATION_SETS)
            || changed.equals(KubeResourceType.APPLICATIONS))) {
      return;
    }
    reconciling = true;
    try {
      reconcileNow();
    } finally {
      reconciling = false;
    }
  }

  /**
   * One secret was created, changed or deleted: only the Applications it generates, or generated,
   * can change. A fleet's worth of upgrades registers and deregisters thousands of secrets; a full
   * reconciliation on each (every secret times every ApplicationSet) made the simulator quadratic.
   */
  void secretChanged(String ns, String name) {
    if (paused || reconciling) {
      return;
    }
    reconciling = true;
    try {
      KubeStore store = world.kubeStore(world.managementCluster());
      String source = "secret:" + ns + "/" + name;
      Map<String, ObjectNode> now = new LinkedHashMap<>();
      store
          .peek(KubeResourceType.SECRETS, ns, name)
          .filter(ArgoCdController::isClusterSecret)
          .ifPresent(
              secret -> {
                for (ObjectNode appSet :
                    store.list(KubeResourceType.APPLICATION_SETS, null, o -> true)) {
                  for (Generated g : generate(appSet, List.of(secret))) {
                    now.put(g.key(), g.app());
                  }
                }
              });
      Set<String> affected = new LinkedHashSet<>(wants.getOrDefault(source, Set.of()));
      affected.addAll(now.keySet());
      forget(source);
      now.keySet().forEach(key -> remember(source, key));
      for (String key : affected) {
        String[] nsName = key.split("/", 2);
        Optional<ObjectNode> existing =
            store.peek(KubeResourceType.APPLICATIONS, nsName[0], nsName[1]);
        boolean wanted = !wantedBy.getOrDefault(key, Set.of()).isEmpty();
        if (existing.isPresent() && !wanted && isGenerated(existing.get())) {
          prune(store, nsName[0], nsName[1]);
        } else if (existing.isEmpty() && now.containsKey(key)) {
          create(store, key, now.get(key));
        }
      }
    } finally {
      reconciling = false;
    }
  }

  private void reconcileNow() {
    KubeStore store = world.kubeStore(world.managementCluster());
    List<ObjectNode> secrets =
        store.list(
            KubeResourceType.SECRETS, null, LabelSelector.labels(SECRET_TYPE_LABEL + "=cluster"));
    Map<String, ObjectNode> desired = new LinkedHashMap<>();
    wants.clear();
    wantedBy.clear();
    for (ObjectNode appSet : store.list(KubeResourceType.APPLICATION_SETS, null, o -> true)) {
      for (Generated g : generate(appSet, secrets)) {
        desired.putIfAbsent(g.key(), g.app());
        remember(g.source(), g.key());
      }
    }
    Set<String> existing = new HashSet<>();
    for (ObjectNode app : store.list(KubeResourceType.APPLICATIONS, null, o -> true)) {
      String ns = app.path("metadata").path("namespace").asText();
      String name = app.path("metadata").path("name").asText();
      existing.add(ns + "/" + name);
      if (isGenerated(app) && !desired.containsKey(ns + "/" + name)) {
        prune(store, ns, name);
      } else if (!app.has("status")) {
        startSync(store, app);
      }
    }
    for (Map.Entry<String, ObjectNode> e : desired.entrySet()) {
      if (!existing.contains(e.getKey())) {
        create(store, e.getKey(), e.getValue());
      }
    }
  }

  private void remember(String source, String appKey) {
    wants.computeIfAbsent(source, s -> new LinkedHashSet<>()).add(appKey);
    wantedBy.computeIfAbsent(appKey, k -> new HashSet<>()).add(source);
  }

  private void forget(String source) {
    for (String appKey : wants.getOrDefault(source, Set.of())) {
      Set<String> sources = wantedBy.get(appKey);
      if (sources != null) {
        sources.remove(source);
        if (sources.isEmpty()) {
          wantedBy.remove(appKey);
        }
      }
    }
    wants.remove(source);
  }

  private void prune(KubeStore store, String ns, String name) {
    store.removeDirect(KubeResourceType.APPLICATIONS, ns, name);
    world.journal().record("argocd", "PruneApplication", ns + "/" + name, null, "ok", null);
  }

  private void create(KubeStore store, String key, ObjectNode app) {
    ObjectNode copy = app.deepCopy();
    store.putDirect(KubeResourceType.APPLICATIONS, copy);
    world.journal().record("argocd", "GenerateApplication", key, null, "created", null);
    startSync(store, copy);
  }

  private static boolean isGenerated(ObjectNode app) {
    return app.path("metadata").path("labels").has(OWNER_LABEL);
  }

  private static boolean isClusterSecret(ObjectNode secret) {
    return "cluster"
        .equals(secret.path("metadata").path("labels").path(SECRET_TYPE_LABEL).asText(null));
  }

  /** An Application an ApplicationSet generates, and what it was generated from. */
  private record Generated(String source, String key, ObjectNode app) {}

  /** The Applications {@code appSet} generates from these cluster secrets and its list elements. */
  private List<Generated> generate(ObjectNode appSet, List<ObjectNode> secrets) {
    String ns = appSet.path("metadata").path("namespace").asText();
    String owner = appSet.path("metadata").path("name").asText();
    List<Generated> out = new ArrayList<>();
    for (JsonNode generator : appSet.path("spec").path("generators")) {
      if (generator.has("clusters")) {
        var selector = generator.path("clusters").path("selector").path("matchLabels");
        for (ObjectNode secret : secrets) {
          JsonNode labels = secret.path("metadata").path("labels");
          boolean matches = true;
          for (var it = selector.fields(); it.hasNext(); ) {
            var f = it.next();
            matches &= f.getValue().asText().equals(labels.path(f.getKey()).asText(null));
          }
          if (matches) {
            String source =
                "secret:"
                    + secret.path("metadata").path("namespace").asText()
                    + "/"
                    + secret.path("metadata").path("name").asText();
            rendered(appSet, ns, owner, clusterParams(secret))
                .ifPresent(g -> out.add(new Generated(source, g.key(), g.app())));
          }
        }
      } else if (generator.has("list")) {
        for (JsonNode element : generator.path("list").path("elements")) {
          Map<String, String> params = new LinkedHashMap<>();
          element.fields().forEachRemaining(f -> params.put(f.getKey(), f.getValue().asText()));
          rendered(appSet, ns, owner, params)
              .ifPresent(
                  g -> out.add(new Generated("appset:" + ns + "/" + owner, g.key(), g.app())));
        }
      }
    }
    return out;
  }

  private static Optional<Generated> rendered(
      ObjectNode appSet, String ns, String owner, Map<String, String> params) {
    JsonNode rendered = render(appSet.path("spec").path("template"), params);
    if (!rendered.isObject()) {
      return Optional.empty();
    }
    ObjectNode app = (ObjectNode) rendered;
    ObjectNode meta = app.with("metadata");
    meta.put("namespace", ns);
    meta.with("labels").put(OWNER_LABEL, owner);
    return Optional.of(new Generated(null, ns + "/" + meta.path("name").asText(), app));
  }

  private static Map<String, String> clusterParams(ObjectNode secret) {
    Map<String, String> params = new LinkedHashMap<>();
    String name = decode(secret.path("data").path("name").asText(""));
    params.put("name", name);
    params.put("nameNormalized", name.toLowerCase().replaceAll("[^a-z0-9-.]", "-"));
    params.put("server", decode(secret.path("data").path("server").asText("")));
    secret
        .path("metadata")
        .path("labels")
        .fields()
        .forEachRemaining(f -> params.put("metadata.labels." + f.getKey(), f.getValue().asText()));
    return params;
  }

  private static String decode(String base64) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return base64;
    }
  }

  private static JsonNode render(JsonNode template, Map<String, String> params) {
    if (template.isTextual()) {
      Matcher m = PARAM.matcher(template.asText());
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String value = params.getOrDefault(m.group(1), m.group(0));
        m.appendReplacement(sb, Matcher.quoteReplacement(value));
      }
      m.appendTail(sb);
      return new TextNode(sb.toString());
    }
    if (template.isObject()) {
      ObjectNode out = ((ObjectNode) template).objectNode();
      template.fields().forEachRemaining(f -> out.set(f.getKey(), render(f.getValue(), params)));
      return out;
    }
    if (template.isArray()) {
      var out = ((com.fasterxml.jackson.databind.node.ArrayNode) template).arrayNode();
      template.forEach(e -> out.add(render(e, params)));
      return out;
    }
    return template.deepCopy();
  }

  private void startSync(KubeStore store, ObjectNode app) {
    String ns = app.path("metadata").path("namespace").asText();
    String name = app.path("metadata").path("name").asText();
    ObjectNode status = app.with("status");
    status.with("sync").put("status", "OutOfSync");
    status.with("health").put("status", "Progressing");
    store.putDirect(KubeResourceType.APPLICATIONS, app);
    world.scheduleUnlessStuck(world.lifecycles().argoSync(), name, () -> finishSync(ns, name));
  }

  private void finishSync(String ns, String name) {
    if (!world.hasKubeApi(world.managementCluster())) {
      return;
    }
    KubeStore store = world.kubeStore(world.managementCluster());
    ObjectNode app;
    try {
      app = store.get(KubeResourceType.APPLICATIONS, ns, name);
    } catch (SimError pruned) {
      return;
    }
    String destination = destinationCluster(app);
    boolean destinationUnhealthy =
        destination != null && world.traffic().errorRate(destination) >= 0.5;
    boolean degraded = world.faults().degrades(name) || destinationUnhealthy;
    ObjectNode status = app.with("status");
    status.with("sync").put("status", "Synced").put("revision", "4f1c0ffee");
    ObjectNode health = status.with("health");
    health.put("status", degraded ? "Degraded" : "Healthy");
    if (degraded) {
      health.put("message", "Deployment has timed out progressing");
    } else {
      health.remove("message");
    }
    status.with("operationState").put("phase", degraded ? "Failed" : "Succeeded");
    status.put("reconciledAt", world.now().toString());
    store.putDirect(KubeResourceType.APPLICATIONS, app);
    if (!degraded && destination != null) {
      deployWorkload(destination, app);
    }
  }

  /** The simulated cluster an Application targets, by server URL or cluster name. */
  private String destinationCluster(ObjectNode app) {
    JsonNode dest = app.path("spec").path("destination");
    String name = dest.path("name").asText(null);
    String server = dest.path("server").asText("");
    // Our server URLs end in the cluster's name: try that cluster first, then look at them all.
    String last = server.substring(server.lastIndexOf('/') + 1);
    for (String candidate : new String[] {name, last}) {
      if (candidate != null && world.eks().clusters().find(candidate).isPresent()) {
        if (candidate.equals(name) || world.kubernetesUrl(candidate).equals(server)) {
          return candidate;
        }
      }
    }
    for (Cluster c : world.eks().clusters().list()) {
      if (world.kubernetesUrl(c.name).equals(server)) {
        return c.name;
      }
    }
    return null;
  }

  /**
   * What the AWS Load Balancer Controller does on a real cluster (a TargetGroupBinding): the
   * workload's pods become targets of the cluster's target group, so the traffic shifter finds
   * healthy targets on green once its applications are deployed.
   */
  private void registerPods(String cluster, String workload) {
    for (TargetGroup tg : world.loadBalancing().targetGroupsOf(cluster)) {
      int base = Math.abs((cluster + "/" + workload).hashCode());
      List<TargetGroup.Target> pods = new java.util.ArrayList<>();
      for (int i = 0; i < 2; i++) {
        pods.add(
            new TargetGroup.Target(
                "10." + (base % 250) + "." + ((base / 250) % 250) + "." + (10 + i), 8080));
      }
      world.loadBalancing().registerTargets(tg.arn, pods);
    }
  }

  private void deployWorkload(String cluster, ObjectNode app) {
    KubeStore target = world.kubeStore(cluster);
    String ns = app.path("spec").path("destination").path("namespace").asText("default");
    String name =
        app.path("metadata")
            .path("labels")
            .path("app.kubernetes.io/name")
            .asText(app.path("metadata").path("name").asText());
    ObjectNode deployment = app.objectNode();
    deployment.with("metadata").put("name", name).put("namespace", ns);
    deployment
        .with("metadata")
        .with("labels")
        .put("app.kubernetes.io/instance", app.path("metadata").path("name").asText());
    String instance = app.path("metadata").path("name").asText();
    ObjectNode deploymentSpec = deployment.with("spec");
    deploymentSpec.put("replicas", 2);
    deploymentSpec.with("selector").with("matchLabels").put("app.kubernetes.io/instance", instance);
    deploymentSpec
        .with("template")
        .with("metadata")
        .with("labels")
        .put("app.kubernetes.io/instance", instance);
    target.seed(KubeResourceType.DEPLOYMENTS, deployment);
    // The app's Service (port 80 to the pods' 8080), what HTTP probes reach through the proxy.
    ObjectNode service = app.objectNode();
    service.with("metadata").put("name", name).put("namespace", ns);
    service.with("metadata").with("labels").put("app.kubernetes.io/instance", instance);
    ObjectNode serviceSpec = service.with("spec");
    serviceSpec.put("type", "ClusterIP");
    serviceSpec.with("selector").put("app.kubernetes.io/instance", instance);
    serviceSpec
        .putArray("ports")
        .addObject()
        .put("name", "http")
        .put("port", 80)
        .put("targetPort", 8080)
        .put("protocol", "TCP");
    target.seed(KubeResourceType.SERVICES, service);
    registerPods(cluster, ns + "/" + name);
    // CronJobs arrive suspended on a cluster that lacks them: the deployer hands them over.
    String cronJobs =
        app.path("metadata").path("annotations").path(FleetSeeder.CRONJOBS_ANNOTATION).asText("");
    for (String entry : cronJobs.split(";")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] kv = entry.split("=", 2);
      boolean exists =
          !target
              .list(KubeResourceType.CRONJOBS, ns, LabelSelector.fields("metadata.name=" + kv[0]))
              .isEmpty();
      if (!exists) {
        ObjectNode cj = app.objectNode();
        cj.with("metadata").put("name", kv[0]).put("namespace", ns);
        ObjectNode spec = cj.with("spec");
        spec.put("schedule", kv.length > 1 ? kv[1] : "0 * * * *").put("suspend", true);
        spec.with("jobTemplate")
            .with("spec")
            .with("template")
            .with("spec")
            .put("restartPolicy", "OnFailure");
        target.seed(KubeResourceType.CRONJOBS, cj);
      }
    }
  }
}
