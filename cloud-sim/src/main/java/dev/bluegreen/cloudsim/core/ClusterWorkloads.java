package dev.bluegreen.cloudsim.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What runs inside a simulated cluster, as far as clients can observe it through the API server:
 * the answer of a workload reached through the service proxy, and the outcome of a Job. Kept
 * deliberately small — enough for smoke tests to have something honest to look at:
 *
 * <ul>
 *   <li>A Service has endpoints when a Running and Ready pod, or a Deployment with ready replicas,
 *       carries every label of its selector (a Service without selector always has them). Without
 *       endpoints the proxy answers 503 {@code ServiceUnavailable}, as the API server does. With
 *       them the workload answers 200, unless an {@link Fault.Kind#APP_STATUS} fault says
 *       otherwise. An unhealthy cluster's Deployments are not ready, so its Services have none.
 *   <li>A Job created without a status is run: it becomes active, and after the {@code jobRun}
 *       lifecycle it completes. A Job whose container looks a name up ({@code nslookup}, {@code
 *       getent hosts}, {@code dig}, {@code host}) needs cluster DNS: it succeeds only when CoreDNS
 *       serves (a Ready {@code k8s-app=kube-dns} pod and the {@code kube-dns} Service in
 *       kube-system) and the name, if it is a Service's cluster name, names an existing Service;
 *       otherwise it fails with {@code BackoffLimitExceeded}. A Job running {@code nc -z host port}
 *       succeeds only when {@code host:port} is a shared endpoint whose security group admits the
 *       cluster's security group. Any other Job succeeds. A Job created with a status (a test
 *       seeding a running Job) is left as it is.
 * </ul>
 */
public final class ClusterWorkloads {
  private static final Pattern LOOKUP =
      Pattern.compile("\\b(nslookup|getent\\s+hosts|dig|host)\\b\\s+(?:[-+][^\\s]*\\s+)*([^\\s]+)");

  /** {@code nc -z [-w secs] host port}: a TCP connect check. */
  private static final Pattern CONNECT =
      Pattern.compile("\\bnc\\s+(?:-[a-zA-Z]+\\s+(?:\\d+\\s+)?)*([^\\s-][^\\s]*)\\s+(\\d+)\\b");

  private static final Pattern SERVICE_NAME =
      Pattern.compile("^([a-z0-9-]+)\\.([a-z0-9-]+)(?:\\.svc(?:\\.cluster\\.local)?)?\\.?$");

  private ClusterWorkloads() {}

  /** What the proxied workload (or the API server in its place) answered. */
  public record ProxyAnswer(int status, String contentType, String body) {}

  /**
   * The answer to a request sent through {@code
   * /api/v1/namespaces/<ns>/services/[scheme:]<name>[:port]/proxy<path>}.
   */
  public static ProxyAnswer proxy(
      World world, String cluster, String ns, String serviceRef, String path) {
    String ref = serviceRef;
    if (ref.startsWith("http:") || ref.startsWith("https:")) {
      ref = ref.substring(ref.indexOf(':') + 1);
    }
    String name = ref.contains(":") ? ref.substring(0, ref.indexOf(':')) : ref;
    String port = ref.contains(":") ? ref.substring(ref.indexOf(':') + 1) : "";
    KubeStore store = world.kubeStore(cluster);
    ObjectNode service = store.get(KubeResourceType.SERVICES, ns, name); // 404 when missing
    if (!port.isEmpty() && !hasPort(service, port)) {
      return unavailable("no endpoints available for service \"" + serviceRef + "\"");
    }
    if (!hasEndpoints(store, ns, service)) {
      return unavailable("no endpoints available for service \"" + name + "\"");
    }
    String target = cluster + "/" + ns + "/" + name + (path.isEmpty() ? "/" : path);
    Optional<Fault> fault = world.faults().appStatusFor(target);
    if (fault.isPresent()) {
      int status = fault.get().httpStatus() == null ? 500 : fault.get().httpStatus();
      String body = fault.get().message() != null ? fault.get().message() : "status " + status;
      return new ProxyAnswer(status, "text/plain; charset=utf-8", body + "\n");
    }
    return new ProxyAnswer(200, "text/plain; charset=utf-8", "ok\n");
  }

  private static ProxyAnswer unavailable(String message) {
    String body =
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
            + "\"message\":\""
            + message.replace("\"", "\\\"")
            + "\",\"reason\":\"ServiceUnavailable\",\"code\":503}";
    return new ProxyAnswer(503, "application/json", body);
  }

  private static boolean hasPort(ObjectNode service, String port) {
    for (JsonNode p : service.path("spec").path("ports")) {
      if (port.equals(p.path("name").asText(null)) || port.equals(p.path("port").asText())) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasEndpoints(KubeStore store, String ns, ObjectNode service) {
    JsonNode selector = service.path("spec").path("selector");
    if (!selector.isObject() || selector.isEmpty()) {
      return true; // endpoints managed by hand (e.g. the default/kubernetes Service)
    }
    for (ObjectNode pod : store.list(KubeResourceType.PODS, ns, o -> true)) {
      if (matches(selector, pod.path("metadata").path("labels")) && podReady(pod)) {
        return true;
      }
    }
    for (ObjectNode d : store.list(KubeResourceType.DEPLOYMENTS, ns, o -> true)) {
      JsonNode labels = d.path("spec").path("template").path("metadata").path("labels");
      if (!labels.isObject() || labels.isEmpty()) {
        labels = d.path("metadata").path("labels");
      }
      if (matches(selector, labels) && d.path("status").path("readyReplicas").asInt(0) > 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(JsonNode selector, JsonNode labels) {
    for (Map.Entry<String, JsonNode> e : iterable(selector)) {
      if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
        return false;
      }
    }
    return true;
  }

  private static boolean podReady(JsonNode pod) {
    if (!"Running".equals(pod.path("status").path("phase").asText())) {
      return false;
    }
    for (JsonNode c : pod.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- Jobs

  /** Starts a Job that was created without a status; its end is scheduled. */
  static void startJob(World world, KubeStore store, ObjectNode job) {
    if (job.path("status").isObject() && !job.path("status").isEmpty()) {
      return;
    }
    String ns = job.path("metadata").path("namespace").asText();
    String name = job.path("metadata").path("name").asText();
    ObjectNode status = job.with("status");
    status.put("startTime", world.now().toString());
    status.put("active", 1);
    store.putDirect(KubeResourceType.JOBS, job);
    world.scheduleUnlessStuck(
        world.lifecycles().jobRun(),
        store.cluster() + "/jobs/" + ns + "/" + name,
        () -> finishJob(world, store, ns, name));
  }

  private static void finishJob(World world, KubeStore store, String ns, String name) {
    ObjectNode job;
    try {
      job = store.get(KubeResourceType.JOBS, ns, name);
    } catch (SimError deleted) {
      return;
    }
    Optional<String> failure = failureOf(world, store, job);
    ObjectNode status = job.with("status");
    status.put("active", 0);
    status.put("ready", 0);
    String now = world.now().toString();
    List<ObjectNode> conditions = new ArrayList<>();
    if (failure.isEmpty()) {
      status.put("succeeded", 1);
      status.put("completionTime", now);
      conditions.add(condition(job, "SuccessCriteriaMet", "CompletionsReached", null, now));
      conditions.add(condition(job, "Complete", "CompletionsReached", null, now));
    } else {
      status.put("failed", job.path("spec").path("backoffLimit").asInt(6) + 1);
      conditions.add(condition(job, "FailureTarget", "BackoffLimitExceeded", failure.get(), now));
      conditions.add(condition(job, "Failed", "BackoffLimitExceeded", failure.get(), now));
    }
    var array = status.putArray("conditions");
    conditions.forEach(array::add);
    store.putDirect(KubeResourceType.JOBS, job);
  }

  private static ObjectNode condition(
      ObjectNode job, String type, String reason, String message, String now) {
    ObjectNode c = job.objectNode();
    c.put("type", type).put("status", "True").put("reason", reason);
    c.put("message", message == null ? "Reached expected number of succeeded pods" : message);
    c.put("lastProbeTime", now).put("lastTransitionTime", now);
    return c;
  }

  /**
   * Why the Job's pod fails, if it does: name lookups when cluster DNS cannot answer, and TCP
   * connect checks ({@code nc -z host port}) to a shared endpoint whose security group does not
   * admit this cluster's (see {@link SecurityGroups#connectFailure}).
   */
  private static Optional<String> failureOf(World world, KubeStore store, ObjectNode job) {
    for (JsonNode container : job.path("spec").path("template").path("spec").path("containers")) {
      StringBuilder line = new StringBuilder();
      container.path("command").forEach(a -> line.append(a.asText()).append(' '));
      container.path("args").forEach(a -> line.append(a.asText()).append(' '));
      Matcher connect = CONNECT.matcher(line);
      if (connect.find()) {
        Optional<Cluster> cluster = world.eks().clusters().find(store.cluster());
        Optional<String> refused =
            cluster.isEmpty()
                ? Optional.of("nc: no network: " + store.cluster() + " is not an EKS cluster")
                : world
                    .securityGroups()
                    .connectFailure(
                        cluster.get(), connect.group(1), Integer.parseInt(connect.group(2)));
        if (refused.isPresent()) {
          return Optional.of("Job has reached the specified backoff limit: " + refused.get());
        }
        continue;
      }
      Matcher m = LOOKUP.matcher(line);
      if (!m.find()) {
        continue;
      }
      String host = m.group(2);
      if (!coreDnsServes(store)) {
        return Optional.of(
            "Job has reached the specified backoff limit: "
                + m.group(1)
                + " "
                + host
                + ": connection timed out; no servers could be reached");
      }
      Matcher svc = SERVICE_NAME.matcher(host);
      if (svc.matches()
          && host.contains(".svc")
          && store
              .list(
                  KubeResourceType.SERVICES,
                  svc.group(2),
                  LabelSelector.fields("metadata.name=" + svc.group(1)))
              .isEmpty()) {
        return Optional.of("Job has reached the specified backoff limit: " + host + ": NXDOMAIN");
      }
    }
    return Optional.empty();
  }

  /** CoreDNS answers when one of its pods is Ready and the kube-dns Service routes to it. */
  public static boolean coreDnsServes(KubeStore store) {
    boolean service =
        !store
            .list(
                KubeResourceType.SERVICES,
                "kube-system",
                LabelSelector.fields("metadata.name=kube-dns"))
            .isEmpty();
    boolean pod =
        store.list(KubeResourceType.PODS, "kube-system", o -> true).stream()
            .anyMatch(
                p ->
                    "kube-dns".equals(p.path("metadata").path("labels").path("k8s-app").asText())
                        && podReady(p));
    return service && pod;
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
    return node::fields;
  }
}
