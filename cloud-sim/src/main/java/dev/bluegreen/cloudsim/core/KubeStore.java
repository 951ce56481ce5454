package dev.bluegreen.cloudsim.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The objects in one cluster's Kubernetes API, kept as JSON documents the way the API server keeps
 * them, with resourceVersion, uid, creationTimestamp and generation maintained. Controllers are not
 * simulated except: Deployments report their replicas ready (unless the cluster is unhealthy),
 * Secrets turn stringData into data, and the management cluster runs {@link ArgoCdController}.
 */
public final class KubeStore {
  /** How an update is expressed. */
  public enum PatchType {
    MERGE,
    STRATEGIC_MERGE,
    JSON_PATCH
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String cluster;
  private final World world;
  private final java.util.NavigableMap<String, ObjectNode> objects = new TreeMap<>();
  private long resourceVersion = 1;
  private String kubernetesVersion = "1.31";

  KubeStore(String cluster, World world) {
    this.cluster = cluster;
    this.world = world;
    ensureNamespace("default");
    ensureNamespace("kube-system");
    // Every cluster has the API server's own Service; in-cluster lookups of it test DNS.
    ObjectNode api = JSON.createObjectNode();
    api.with("metadata").put("name", "kubernetes").put("namespace", "default");
    api.with("metadata").with("labels").put("component", "apiserver").put("provider", "kubernetes");
    ObjectNode apiSpec = api.with("spec");
    apiSpec.put("type", "ClusterIP").put("clusterIP", "172.20.0.1");
    apiSpec
        .putArray("ports")
        .addObject()
        .put("name", "https")
        .put("port", 443)
        .put("protocol", "TCP");
    putDirect(KubeResourceType.SERVICES, api);
  }

  public String cluster() {
    return cluster;
  }

  public String kubernetesVersion() {
    return kubernetesVersion;
  }

  void setKubernetesVersion(String version) {
    this.kubernetesVersion = version;
  }

  public long currentResourceVersion() {
    return resourceVersion;
  }

  private static String key(KubeResourceType type, String ns, String name) {
    return type.apiVersion()
        + "/"
        + type.plural()
        + "|"
        + (type.namespaced() ? ns : "")
        + "|"
        + name;
  }

  // ---------------------------------------------------------------- reads

  public ObjectNode get(KubeResourceType type, String ns, String name) {
    ObjectNode obj = objects.get(key(type, ns, name));
    if (obj == null) {
      throw SimError.notFound(
          type.plural()
              + (type.group().isEmpty() ? "" : "." + type.group())
              + " \""
              + name
              + "\" not found");
    }
    return obj.deepCopy();
  }

  /** The stored object itself, not a copy: for the simulated controllers, which only read it. */
  Optional<ObjectNode> peek(KubeResourceType type, String ns, String name) {
    return Optional.ofNullable(objects.get(key(type, ns, name)));
  }

  /** Objects of a type, in one namespace or (ns null) all, filtered by selectors. */
  public List<ObjectNode> list(KubeResourceType type, String ns, Predicate<JsonNode> filter) {
    String prefix = type.apiVersion() + "/" + type.plural() + "|";
    List<ObjectNode> out = new ArrayList<>();
    // Keys sort by type first, so one type is a contiguous range of the sorted map.
    for (ObjectNode obj : objects.subMap(prefix, prefix + Character.MAX_VALUE).values()) {
      if (type.namespaced()
          && ns != null
          && !ns.equals(obj.path("metadata").path("namespace").asText())) {
        continue;
      }
      if (filter.test(obj)) {
        out.add(obj.deepCopy());
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- writes

  public ObjectNode create(KubeResourceType type, String ns, JsonNode body) {
    ObjectNode obj = requireObject(body);
    ObjectNode meta = obj.with("metadata");
    String name = meta.path("name").asText("");
    if (name.isEmpty() && meta.has("generateName")) {
      name = meta.get("generateName").asText() + UUID.randomUUID().toString().substring(0, 5);
      meta.put("name", name);
    }
    if (name.isEmpty()) {
      throw SimError.invalid("metadata.name: Required value: name or generateName is required");
    }
    if (type.namespaced()) {
      requireNamespace(ns);
      meta.put("namespace", ns);
    }
    String k = key(type, ns, name);
    if (objects.containsKey(k)) {
      throw new SimError(
          ErrorKind.ALREADY_EXISTS, type.plural() + " \"" + name + "\" already exists");
    }
    obj.put("apiVersion", type.apiVersion());
    obj.put("kind", type.kind());
    meta.put("uid", UUID.randomUUID().toString());
    meta.put("creationTimestamp", timestamp());
    meta.put("generation", 1);
    normalise(type, obj);
    store(k, obj);
    if (type.equals(KubeResourceType.JOBS)) {
      ClusterWorkloads.startJob(world, this, obj);
    }
    world
        .journal()
        .record(
            "kubernetes",
            "POST " + type.plural(),
            cluster + "/" + (ns == null ? "" : ns + "/") + name,
            null,
            "created",
            null);
    afterWrite(type, ns, name);
    return obj.deepCopy();
  }

  public ObjectNode replace(KubeResourceType type, String ns, String name, JsonNode body) {
    ObjectNode old = get(type, ns, name);
    ObjectNode obj = requireObject(body);
    String sentVersion = obj.path("metadata").path("resourceVersion").asText("");
    if (!sentVersion.isEmpty()
        && !sentVersion.equals(old.path("metadata").path("resourceVersion").asText())) {
      throw new SimError(
          ErrorKind.CONFLICT,
          "Operation cannot be fulfilled on "
              + type.plural()
              + " \""
              + name
              + "\": the object has been modified; please apply your changes to the latest version"
              + " and try again");
    }
    ObjectNode updated = keepIdentity(type, old, obj, ns, name);
    store(key(type, ns, name), updated);
    world
        .journal()
        .record(
            "kubernetes",
            "PUT " + type.plural(),
            cluster + "/" + (ns == null ? "" : ns + "/") + name,
            null,
            "ok",
            summary(type, updated));
    afterWrite(type, ns, name);
    return updated.deepCopy();
  }

  public ObjectNode patch(
      KubeResourceType type, String ns, String name, PatchType patchType, JsonNode patch) {
    ObjectNode old = get(type, ns, name);
    JsonNode patched =
        switch (patchType) {
          case MERGE, STRATEGIC_MERGE -> JsonPatches.mergePatch(old, patch);
          case JSON_PATCH -> JsonPatches.jsonPatch(old, patch);
        };
    ObjectNode updated = keepIdentity(type, old, requireObject(patched), ns, name);
    store(key(type, ns, name), updated);
    world
        .journal()
        .record(
            "kubernetes",
            "PATCH " + type.plural(),
            cluster + "/" + (ns == null ? "" : ns + "/") + name,
            null,
            "ok",
            summary(type, updated));
    afterWrite(type, ns, name);
    return updated.deepCopy();
  }

  public ObjectNode delete(KubeResourceType type, String ns, String name) {
    ObjectNode old = get(type, ns, name);
    objects.remove(key(type, ns, name));
    if (type.equals(KubeResourceType.NAMESPACES)) {
      objects.values().removeIf(o -> name.equals(o.path("metadata").path("namespace").asText()));
    }
    resourceVersion++;
    world
        .journal()
        .record(
            "kubernetes",
            "DELETE " + type.plural(),
            cluster + "/" + (ns == null ? "" : ns + "/") + name,
            null,
            "ok",
            null);
    afterWrite(type, ns, name);
    return old;
  }

  /** Writes without journal or controller hooks: used by the simulated controllers. */
  void putDirect(KubeResourceType type, ObjectNode obj) {
    ObjectNode meta = obj.with("metadata");
    String ns = meta.path("namespace").asText(null);
    String name = meta.path("name").asText();
    obj.put("apiVersion", type.apiVersion());
    obj.put("kind", type.kind());
    if (!meta.has("uid")) {
      meta.put("uid", UUID.randomUUID().toString());
      meta.put("creationTimestamp", timestamp());
      meta.put("generation", 1);
    }
    store(key(type, ns, name), obj);
  }

  void removeDirect(KubeResourceType type, String ns, String name) {
    if (objects.remove(key(type, ns, name)) != null) {
      resourceVersion++;
    }
  }

  public void ensureNamespace(String ns) {
    String k = key(KubeResourceType.NAMESPACES, null, ns);
    if (!objects.containsKey(k)) {
      ObjectNode obj = JSON.createObjectNode();
      obj.with("metadata").put("name", ns);
      obj.with("status").put("phase", "Active");
      putDirect(KubeResourceType.NAMESPACES, obj);
    }
  }

  /** Seeds an object (fleet file) without journal entries; the namespace is created if needed. */
  public void seed(KubeResourceType type, ObjectNode obj) {
    String ns = obj.path("metadata").path("namespace").asText(null);
    if (type.namespaced()) {
      ensureNamespace(ns);
    }
    normalise(type, obj);
    putDirect(type, obj);
    afterWrite(type, ns, obj.path("metadata").path("name").asText());
  }

  /**
   * The pods an EKS add-on runs in kube-system once it is ACTIVE, labelled as on a real cluster
   * ({@code k8s-app=aws-node}, {@code kube-proxy}, {@code kube-dns} for CoreDNS), Running and
   * Ready, so smoke tests of core add-ons and DNS have something real to look at.
   */
  void putAddonPods(String addon) {
    String app =
        switch (addon) {
          case "vpc-cni" -> "aws-node";
          case "coredns" -> "kube-dns";
          default -> addon;
        };
    String base = "coredns".equals(addon) ? "coredns" : app;
    ensureNamespace("kube-system");
    for (int i = 0; i < 2; i++) {
      ObjectNode pod = JSON.createObjectNode();
      ObjectNode meta = pod.with("metadata");
      meta.put(
          "name", base + "-" + Integer.toHexString(Math.abs((addon + i).hashCode()) % 0xfffff));
      meta.put("namespace", "kube-system");
      meta.with("labels").put("k8s-app", app).put("eks.amazonaws.com/component", addon);
      ObjectNode status = pod.with("status");
      status.put("phase", "Running");
      status.putArray("conditions").addObject().put("type", "Ready").put("status", "True");
      status.putArray("containerStatuses").addObject().put("name", app).put("ready", true);
      putDirect(KubeResourceType.PODS, pod);
    }
    if ("coredns".equals(addon)) {
      // The Service in front of CoreDNS, named kube-dns as on every EKS cluster.
      ObjectNode svc = JSON.createObjectNode();
      svc.with("metadata").put("name", "kube-dns").put("namespace", "kube-system");
      svc.with("metadata").with("labels").put("k8s-app", "kube-dns");
      ObjectNode spec = svc.with("spec");
      spec.put("type", "ClusterIP").put("clusterIP", "172.20.0.10");
      spec.with("selector").put("k8s-app", "kube-dns");
      ArrayNode ports = spec.putArray("ports");
      ports.addObject().put("name", "dns").put("port", 53).put("protocol", "UDP");
      ports.addObject().put("name", "dns-tcp").put("port", 53).put("protocol", "TCP");
      ports.addObject().put("name", "metrics").put("port", 9153).put("protocol", "TCP");
      putDirect(KubeResourceType.SERVICES, svc);
    }
  }

  void putNode(NodeGroup ng, int index) {
    ObjectNode node = JSON.createObjectNode();
    ObjectNode meta = node.with("metadata");
    String name =
        "ip-10-0-"
            + Math.abs((ng.name + index).hashCode() % 250)
            + "-"
            + index
            + "."
            + world.region()
            + ".compute.internal";
    meta.put("name", name);
    ObjectNode labels = meta.with("labels");
    labels.put("eks.amazonaws.com/nodegroup", ng.name);
    labels.put(
        "node.kubernetes.io/instance-type",
        ng.instanceTypes.isEmpty()
            ? world.launchTemplates().instanceType(ng)
            : ng.instanceTypes.get(0));
    ng.labels.forEach(labels::put);
    ArrayNode taints = node.with("spec").putArray("taints");
    for (NodeGroup.Taint t : ng.taints) {
      ObjectNode taint =
          taints.addObject().put("key", t.key()).put("effect", k8sEffect(t.effect()));
      if (t.value() != null) {
        taint.put("value", t.value());
      }
    }
    ObjectNode status = node.with("status");
    status.with("nodeInfo").put("kubeletVersion", "v" + ng.version + ".0-eks");
    status.putArray("conditions").addObject().put("type", "Ready").put("status", "True");
    putDirect(KubeResourceType.NODES, node);
  }

  void removeNodesOf(String nodegroup) {
    for (ObjectNode n : list(KubeResourceType.NODES, null, o -> true)) {
      if (nodegroup.equals(
          n.path("metadata").path("labels").path("eks.amazonaws.com/nodegroup").asText())) {
        removeDirect(KubeResourceType.NODES, null, n.path("metadata").path("name").asText());
      }
    }
  }

  private static String k8sEffect(String eksEffect) {
    return switch (eksEffect == null ? "" : eksEffect) {
      case "NO_EXECUTE" -> "NoExecute";
      case "PREFER_NO_SCHEDULE" -> "PreferNoSchedule";
      default -> "NoSchedule";
    };
  }

  // ---------------------------------------------------------------- helpers

  private void requireNamespace(String ns) {
    if (ns == null || !objects.containsKey(key(KubeResourceType.NAMESPACES, null, ns))) {
      throw SimError.notFound("namespaces \"" + ns + "\" not found");
    }
  }

  private ObjectNode keepIdentity(
      KubeResourceType type, ObjectNode old, ObjectNode obj, String ns, String name) {
    ObjectNode meta = obj.with("metadata");
    JsonNode oldMeta = old.get("metadata");
    meta.put("name", name);
    if (type.namespaced()) {
      meta.put("namespace", ns);
    }
    meta.set("uid", oldMeta.get("uid"));
    meta.set("creationTimestamp", oldMeta.get("creationTimestamp"));
    boolean specChanged = !old.path("spec").equals(obj.path("spec"));
    meta.put("generation", oldMeta.path("generation").asLong(1) + (specChanged ? 1 : 0));
    obj.put("apiVersion", type.apiVersion());
    obj.put("kind", type.kind());
    normalise(type, obj);
    return obj;
  }

  private void store(String k, ObjectNode obj) {
    resourceVersion++;
    obj.with("metadata").put("resourceVersion", String.valueOf(resourceVersion));
    objects.put(k, obj);
  }

  /** What the API server or a built-in controller would fill in. */
  private void normalise(KubeResourceType type, ObjectNode obj) {
    if (type.equals(KubeResourceType.SECRETS) && obj.has("stringData")) {
      ObjectNode data = obj.with("data");
      obj.get("stringData")
          .fields()
          .forEachRemaining(
              f ->
                  data.put(
                      f.getKey(),
                      Base64.getEncoder()
                          .encodeToString(f.getValue().asText().getBytes(StandardCharsets.UTF_8))));
      obj.remove("stringData");
    }
    if (type.equals(KubeResourceType.DEPLOYMENTS)) {
      int replicas = obj.path("spec").path("replicas").asInt(1);
      boolean healthy = world.traffic().errorRate(cluster) < 0.5;
      ObjectNode status = obj.with("status");
      status.put("observedGeneration", obj.path("metadata").path("generation").asLong(1));
      status.put("replicas", replicas);
      status.put("updatedReplicas", replicas);
      status.put("readyReplicas", healthy ? replicas : 0);
      status.put("availableReplicas", healthy ? replicas : 0);
    }
  }

  /** Re-evaluates Deployment readiness after the cluster's health changed. */
  void refreshDeployments() {
    for (ObjectNode d : list(KubeResourceType.DEPLOYMENTS, null, o -> true)) {
      normalise(KubeResourceType.DEPLOYMENTS, d);
      putDirect(KubeResourceType.DEPLOYMENTS, d);
    }
  }

  private void afterWrite(KubeResourceType type, String ns, String name) {
    if (!cluster.equals(world.managementCluster())) {
      return;
    }
    if (type.equals(KubeResourceType.SECRETS)) {
      world.argo().secretChanged(ns, name);
    } else {
      world.argo().reconcile(type);
    }
  }

  private static String summary(KubeResourceType type, ObjectNode obj) {
    if (type.equals(KubeResourceType.CRONJOBS)) {
      return "suspend=" + obj.path("spec").path("suspend").asBoolean(false);
    }
    return null;
  }

  private static ObjectNode requireObject(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw SimError.invalid("the request body must be a JSON object");
    }
    return (ObjectNode) body;
  }

  private String timestamp() {
    return DateTimeFormatter.ISO_INSTANT.format(world.now().truncatedTo(ChronoUnit.SECONDS));
  }

  static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode n) {
    return n.fields();
  }
}
