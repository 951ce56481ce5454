package dev.bluegreen.cloudsim.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bluegreen.cloudsim.core.ClusterWorkloads;
import dev.bluegreen.cloudsim.core.KubeResourceType;
import dev.bluegreen.cloudsim.core.KubeStore;
import dev.bluegreen.cloudsim.core.LabelSelector;
import dev.bluegreen.cloudsim.core.SimError;
import dev.bluegreen.cloudsim.core.World;
import dev.bluegreen.cloudsim.http.CallGuard;
import dev.bluegreen.cloudsim.http.SimRequest;
import dev.bluegreen.cloudsim.http.SimResponse;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The Kubernetes API of every simulated cluster, served under {@code /k8s/<cluster>/}: the usual
 * {@code /api/v1/...} and {@code /apis/<group>/<version>/...} REST paths, discovery, {@code
 * /version}, GET/LIST (label and field selectors), POST, PUT (with resourceVersion conflicts),
 * PATCH (JSON patch, merge patch, strategic merge treated as merge, apply treated as merge-or-
 * create) and DELETE (single and collection). Watches are not served.
 */
public final class KubernetesApi {
  /** Path prefix of the per-cluster API servers. */
  public static final String PATH_PREFIX = "/k8s/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final World world;
  private final CallGuard guard;

  public KubernetesApi(World world, CallGuard guard) {
    this.world = world;
    this.guard = guard;
  }

  /** What a resource call answers, before it is serialised. */
  private record Reply(int status, JsonNode body) {}

  /** Where a request points: a resource type, optional namespace and name. */
  private record Target(KubeResourceType type, String namespace, String name) {}

  public SimResponse handle(SimRequest req) {
    List<String> s = req.segments();
    // segments: k8s, <cluster>, ...
    String cluster = s.size() > 1 ? s.get(1) : "";
    List<String> rest = s.subList(Math.min(2, s.size()), s.size());
    try {
      boolean exists = world.locked(w -> w.hasKubeApi(cluster));
      if (!exists) {
        throw SimError.notFound("no simulated cluster named " + cluster);
      }
      if (rest.isEmpty() || rest.get(0).equals("version") || isDiscovery(rest)) {
        return discovery(cluster, rest);
      }
      if (isServiceProxy(rest)) {
        return serviceProxy(cluster, rest, req);
      }
      Target t = target(rest);
      String op = req.method() + " " + t.type().plural();
      guard.before(
          "kubernetes",
          op,
          cluster
              + "/"
              + (t.namespace() == null ? "" : t.namespace() + "/")
              + (t.name() == null ? "" : t.name()));
      if ("true".equals(req.queryParam("watch"))) {
        throw new SimError(
            dev.bluegreen.cloudsim.core.ErrorKind.UNSUPPORTED,
            "watch is not simulated; poll with GET instead");
      }
      JsonNode body = req.body().length == 0 ? null : parse(req);
      // The answer is a copy of the stored objects: it is serialised after the world lock is
      // released, so one large list does not hold up every other call to the simulator.
      Reply reply = world.locked(w -> execute(w.kubeStore(cluster), req, t, body));
      return ok(reply.status(), reply.body());
    } catch (SimError e) {
      return status(e);
    }
  }

  /** {@code api/v1/namespaces/<ns>/services/<[scheme:]name[:port]>/proxy[/<path>]}. */
  private static boolean isServiceProxy(List<String> rest) {
    return rest.size() >= 7
        && rest.get(0).equals("api")
        && rest.get(1).equals("v1")
        && rest.get(2).equals("namespaces")
        && rest.get(4).equals("services")
        && rest.get(6).equals("proxy");
  }

  /**
   * The API server's service proxy: forwards the request to the Service's workload and passes its
   * answer back unchanged (status, content type, body), or answers 503 {@code ServiceUnavailable}
   * itself when the Service has no ready endpoints. Call-level faults apply as {@code "<METHOD>
   * services/proxy"}.
   */
  private SimResponse serviceProxy(String cluster, List<String> rest, SimRequest req) {
    String ns = rest.get(3);
    String serviceRef = rest.get(5);
    // The path after /proxy, still encoded as sent; the query string is forwarded too.
    String raw = req.rawPath();
    int at = raw.indexOf("/proxy", raw.indexOf("/services/"));
    String path = raw.substring(at + "/proxy".length());
    guard.before(
        "kubernetes", req.method() + " services/proxy", cluster + "/" + ns + "/" + serviceRef);
    ClusterWorkloads.ProxyAnswer answer =
        world.locked(w -> ClusterWorkloads.proxy(w, cluster, ns, serviceRef, path));
    return SimResponse.of(
        answer.status(),
        answer.contentType(),
        answer.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static boolean isDiscovery(List<String> rest) {
    return (rest.get(0).equals("api") && rest.size() <= 2)
        || (rest.get(0).equals("apis") && rest.size() <= 3);
  }

  private static Target target(List<String> rest) {
    String group;
    String version;
    List<String> r;
    if (rest.get(0).equals("api") && rest.size() >= 3) {
      group = "";
      version = rest.get(1);
      r = rest.subList(2, rest.size());
    } else if (rest.get(0).equals("apis") && rest.size() >= 4) {
      group = rest.get(1);
      version = rest.get(2);
      r = rest.subList(3, rest.size());
    } else {
      throw SimError.notFound("the server could not find the requested resource");
    }
    String ns = null;
    if (r.get(0).equals("namespaces") && r.size() >= 3) {
      ns = r.get(1);
      r = r.subList(2, r.size());
    }
    String plural = r.get(0);
    String name = r.size() > 1 ? r.get(1) : null;
    KubeResourceType type =
        KubeResourceType.find(group, version, plural)
            .orElseThrow(
                () ->
                    SimError.notFound(
                        "the server could not find the requested resource (" + plural + ")"));
    return new Target(type, type.namespaced() ? ns : null, name);
  }

  private Reply execute(KubeStore store, SimRequest req, Target t, JsonNode body) {
    KubeResourceType type = t.type();
    String ns = t.namespace();
    String name = t.name();
    switch (req.method()) {
      case "GET" -> {
        if (name != null) {
          return new Reply(200, store.get(type, ns, name));
        }
        return new Reply(200, list(store, type, ns, selectors(req)));
      }
      case "POST" -> {
        if (name != null) {
          throw new SimError(
              dev.bluegreen.cloudsim.core.ErrorKind.UNSUPPORTED,
              "POST to a named resource is not allowed");
        }
        requireBody(body);
        String bodyNs = body.path("metadata").path("namespace").asText(null);
        if (type.namespaced() && ns != null && bodyNs != null && !ns.equals(bodyNs)) {
          throw SimError.invalid(
              "the namespace of the provided object does not match the namespace sent on the request");
        }
        // POST /api/v1/secrets (no namespace in the path) creates in the body's namespace.
        String target = type.namespaced() && ns == null ? bodyNs : ns;
        return new Reply(201, store.create(type, target, body));
      }
      case "PUT" -> {
        requireName(name);
        requireBody(body);
        return new Reply(200, store.replace(type, ns, name, body));
      }
      case "PATCH" -> {
        requireName(name);
        requireBody(body);
        String ct = req.header("content-type") == null ? "" : req.header("content-type");
        if (ct.startsWith("application/json-patch+json")) {
          return new Reply(200, store.patch(type, ns, name, KubeStore.PatchType.JSON_PATCH, body));
        }
        if (ct.startsWith("application/merge-patch+json")) {
          return new Reply(200, store.patch(type, ns, name, KubeStore.PatchType.MERGE, body));
        }
        if (ct.startsWith("application/strategic-merge-patch+json")) {
          return new Reply(
              200, store.patch(type, ns, name, KubeStore.PatchType.STRATEGIC_MERGE, body));
        }
        if (ct.startsWith("application/apply-patch+yaml")) {
          boolean exists =
              !store.list(type, ns, LabelSelector.fields("metadata.name=" + name)).isEmpty();
          if (!exists) {
            ((ObjectNode) body).with("metadata").put("name", name);
            return new Reply(201, store.create(type, ns, body));
          }
          return new Reply(200, store.patch(type, ns, name, KubeStore.PatchType.MERGE, body));
        }
        throw new SimError(
            dev.bluegreen.cloudsim.core.ErrorKind.UNSUPPORTED,
            "unsupported patch content type " + ct);
      }
      case "DELETE" -> {
        if (name != null) {
          store.delete(type, ns, name);
          ObjectNode status = statusNode("Success", null, 200, null);
          status
              .putObject("details")
              .put("name", name)
              .put("kind", type.plural())
              .put("group", type.group());
          return new Reply(200, status);
        }
        ObjectNode deleted = list(store, type, ns, selectors(req));
        for (JsonNode item : deleted.path("items")) {
          store.delete(
              type,
              ns == null ? item.path("metadata").path("namespace").asText(null) : ns,
              item.path("metadata").path("name").asText());
        }
        return new Reply(200, deleted);
      }
      default ->
          throw new SimError(
              dev.bluegreen.cloudsim.core.ErrorKind.UNSUPPORTED,
              "method " + req.method() + " not allowed");
    }
  }

  private static Predicate<JsonNode> selectors(SimRequest req) {
    return LabelSelector.labels(req.queryParam("labelSelector"))
        .and(LabelSelector.fields(req.queryParam("fieldSelector")));
  }

  private static ObjectNode list(
      KubeStore store, KubeResourceType type, String ns, Predicate<JsonNode> filter) {
    ObjectNode out = JSON.createObjectNode();
    out.put("apiVersion", type.apiVersion()).put("kind", type.kind() + "List");
    out.putObject("metadata")
        .put("resourceVersion", String.valueOf(store.currentResourceVersion()));
    ArrayNode items = out.putArray("items");
    store.list(type, ns, filter).forEach(items::add);
    return out;
  }

  private SimResponse discovery(String cluster, List<String> rest) {
    if (rest.isEmpty()) {
      ObjectNode paths = JSON.createObjectNode();
      paths.putArray("paths").add("/api").add("/apis").add("/version");
      return ok(200, paths);
    }
    if (rest.get(0).equals("version")) {
      String v = world.locked(w -> w.kubeStore(cluster).kubernetesVersion());
      String[] mm = v.split("\\.");
      ObjectNode n = JSON.createObjectNode();
      n.put("major", mm[0]).put("minor", mm.length > 1 ? mm[1] : "0");
      n.put("gitVersion", "v" + v + ".0-eks-sim").put("platform", "linux/amd64");
      return ok(200, n);
    }
    if (rest.get(0).equals("api") && rest.size() == 1) {
      ObjectNode n = JSON.createObjectNode().put("kind", "APIVersions");
      n.putArray("versions").add("v1");
      return ok(200, n);
    }
    if (rest.get(0).equals("apis") && rest.size() == 1) {
      ObjectNode n = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
      ArrayNode groups = n.putArray("groups");
      Set<String> seen = new LinkedHashSet<>();
      for (KubeResourceType t : KubeResourceType.ALL) {
        if (!t.group().isEmpty() && seen.add(t.apiVersion())) {
          ObjectNode g = groups.addObject().put("name", t.group());
          g.putArray("versions")
              .addObject()
              .put("groupVersion", t.apiVersion())
              .put("version", t.version());
          g.putObject("preferredVersion")
              .put("groupVersion", t.apiVersion())
              .put("version", t.version());
        }
      }
      return ok(200, n);
    }
    String groupVersion =
        rest.get(0).equals("api")
            ? rest.get(1)
            : rest.get(1) + "/" + (rest.size() > 2 ? rest.get(2) : "");
    ObjectNode n =
        JSON.createObjectNode()
            .put("kind", "APIResourceList")
            .put("apiVersion", "v1")
            .put("groupVersion", groupVersion);
    ArrayNode resources = n.putArray("resources");
    for (KubeResourceType t : KubeResourceType.ALL) {
      if (t.apiVersion().equals(groupVersion)) {
        ObjectNode r =
            resources
                .addObject()
                .put("name", t.plural())
                .put("singularName", t.kind().toLowerCase());
        r.put("namespaced", t.namespaced()).put("kind", t.kind());
        r.putArray("verbs")
            .add("create")
            .add("delete")
            .add("deletecollection")
            .add("get")
            .add("list")
            .add("patch")
            .add("update");
      }
    }
    if (resources.isEmpty()) {
      throw SimError.notFound("the server could not find the requested resource");
    }
    return ok(200, n);
  }

  private static JsonNode parse(SimRequest req) {
    try {
      return JSON.readTree(req.body());
    } catch (IOException e) {
      throw SimError.explicit(
          "BadRequest", 400, "the request body is not valid JSON: " + e.getMessage());
    }
  }

  private static void requireBody(JsonNode body) {
    if (body == null) {
      throw SimError.explicit("BadRequest", 400, "a request body is required");
    }
  }

  private static void requireName(String name) {
    if (name == null) {
      throw new SimError(
          dev.bluegreen.cloudsim.core.ErrorKind.UNSUPPORTED, "this method needs a resource name");
    }
  }

  private static SimResponse ok(int status, JsonNode body) {
    return SimResponse.json(status, body.toString());
  }

  private static ObjectNode statusNode(String status, String reason, int code, String message) {
    ObjectNode n = JSON.createObjectNode();
    n.put("kind", "Status").put("apiVersion", "v1");
    n.putObject("metadata");
    n.put("status", status);
    if (message != null) {
      n.put("message", message);
    }
    if (reason != null) {
      n.put("reason", reason);
    }
    n.put("code", code);
    return n;
  }

  /** A refusal as a Kubernetes Status object with the usual reason and HTTP code. */
  static SimResponse status(SimError e) {
    String reason;
    int code;
    if (e.kind() == null) {
      reason = e.explicitCode();
      code = e.explicitStatus() != 0 ? e.explicitStatus() : 500;
    } else {
      switch (e.kind()) {
        case NOT_FOUND -> {
          reason = "NotFound";
          code = 404;
        }
        case ALREADY_EXISTS -> {
          reason = "AlreadyExists";
          code = 409;
        }
        case CONFLICT, IN_USE -> {
          reason = "Conflict";
          code = 409;
        }
        case THROTTLED -> {
          reason = "TooManyRequests";
          code = 429;
        }
        case UNSUPPORTED -> {
          reason = "MethodNotAllowed";
          code = 405;
        }
        default -> {
          reason = "Invalid";
          code = 422;
        }
      }
    }
    return ok(code, statusNode("Failure", reason, code, e.getMessage()));
  }
}
