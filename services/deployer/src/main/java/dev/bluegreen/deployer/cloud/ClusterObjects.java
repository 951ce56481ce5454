package dev.bluegreen.deployer.cloud;

import dev.bluegreen.deployer.core.CronJobState;
import dev.bluegreen.deployer.core.Observations.NodeState;
import dev.bluegreen.deployer.core.Observations.PodState;
import dev.bluegreen.deployer.core.Observations.Probe;
import dev.bluegreen.deployer.core.Observations.ProbeAnswer;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** The objects the deployer reads and changes on one workload cluster (blue or green). */
public final class ClusterObjects {
  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

  private final KubernetesClient client;

  public ClusterObjects(KubernetesClient client) {
    this.client = client;
  }

  /** Every CronJob with the Jobs it started that still run. */
  public List<CronJobState> cronJobs() {
    List<CronJob> cronJobs = client.batch().v1().cronjobs().inAnyNamespace().list().getItems();
    if (cronJobs.isEmpty()) {
      return List.of();
    }
    Map<String, Set<String>> running = new HashMap<>();
    for (Job job : client.batch().v1().jobs().inAnyNamespace().list().getItems()) {
      if (!stillRunning(job)) {
        continue;
      }
      for (OwnerReference owner : job.getMetadata().getOwnerReferences()) {
        if ("CronJob".equals(owner.getKind())) {
          running
              .computeIfAbsent(
                  job.getMetadata().getNamespace() + "/" + owner.getName(), k -> new HashSet<>())
              .add(job.getMetadata().getName());
        }
      }
    }
    return cronJobs.stream()
        .map(
            c -> {
              String ns = c.getMetadata().getNamespace();
              String key = ns + "/" + c.getMetadata().getName();
              // The CronJob controller's own list of running Jobs counts too.
              Set<String> jobs = new HashSet<>(running.getOrDefault(key, Set.of()));
              if (c.getStatus() != null && c.getStatus().getActive() != null) {
                c.getStatus().getActive().forEach(ref -> jobs.add(ref.getName()));
              }
              Map<String, String> annotations = c.getMetadata().getAnnotations();
              String recorded =
                  annotations == null
                      ? null
                      : annotations.get(CronJobState.SUSPENDED_BEFORE_UPGRADE);
              return new CronJobState(
                  ns,
                  c.getMetadata().getName(),
                  Boolean.TRUE.equals(c.getSpec().getSuspend()),
                  recorded == null ? null : Boolean.valueOf(recorded),
                  jobs.size());
            })
        .toList();
  }

  /** Sets {@code spec.suspend} on a CronJob ({@code namespace/name}). */
  public void setSuspended(String key, boolean suspended) {
    String[] nsName = key.split("/", 2);
    client
        .batch()
        .v1()
        .cronjobs()
        .inNamespace(nsName[0])
        .withName(nsName[1])
        .patch(MERGE, "{\"spec\":{\"suspend\":" + suspended + "}}");
  }

  /** Records on a CronJob whether it was suspended before the upgrade. */
  public void recordSuspendedBeforeUpgrade(String key, boolean suspended) {
    String[] nsName = key.split("/", 2);
    client
        .batch()
        .v1()
        .cronjobs()
        .inNamespace(nsName[0])
        .withName(nsName[1])
        .patch(
            MERGE,
            "{\"metadata\":{\"annotations\":{\""
                + CronJobState.SUSPENDED_BEFORE_UPGRADE
                + "\":\""
                + suspended
                + "\"}}}");
  }

  /** The API server's git version. */
  public String version() {
    return client.getKubernetesVersion().getGitVersion();
  }

  /** Every node with its Ready condition. */
  public List<NodeState> nodes() {
    return client.nodes().list().getItems().stream()
        .map(n -> new NodeState(n.getMetadata().getName(), ready(n)))
        .toList();
  }

  /** Every pod of a namespace. */
  public List<PodState> pods(String namespace) {
    return client.pods().inNamespace(namespace).list().getItems().stream()
        .map(
            p ->
                new PodState(
                    namespace,
                    p.getMetadata().getName(),
                    p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels(),
                    p.getStatus() == null ? null : p.getStatus().getPhase(),
                    ready(p)))
        .toList();
  }

  /**
   * Sends an HTTP probe to an application's Service through the API server's service proxy ({@code
   * GET /api/v1/namespaces/<ns>/services/<svc>:<port>/proxy<path>}, RBAC {@code services/proxy}):
   * it reaches green's pods directly, whatever the load balancer sends where. It goes over the
   * cluster client's own HTTP stack (its TLS, its EKS token) but with the client's retries off: the
   * client retries 5xx answers, and a 503 from the application is the answer, not a fault of the
   * API server to ride out.
   */
  public ProbeAnswer probe(Probe probe) {
    String base = client.getMasterUrl().toString();
    String url =
        (base.endsWith("/") ? base : base + "/")
            + "api/v1/namespaces/"
            + probe.namespace()
            + "/services/"
            + probe.service()
            + ":"
            + probe.port()
            + "/proxy"
            + (probe.path().startsWith("/") ? probe.path() : "/" + probe.path());
    // A derived client shares the cluster client's connections; it is not closed on its own.
    HttpClient http =
        client
            .getHttpClient()
            .newBuilder()
            .tag(
                new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
    HttpRequest request = http.newHttpRequestBuilder().uri(url).build();
    try {
      HttpResponse<String> response =
          http.sendAsync(request, String.class)
              .get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return new ProbeAnswer(response.code(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ProbeAnswer(0, "interrupted");
    } catch (Exception e) {
      return new ProbeAnswer(0, Optional.ofNullable(e.getCause()).orElse(e).toString());
    }
  }

  /**
   * Creates the Job that resolves {@code host} from a pod on this cluster, unless it exists already
   * (a redelivered command finds the one it started). It cleans up after itself ({@code
   * ttlSecondsAfterFinished}) should the deployer die before deleting it, and never runs longer
   * than {@code timeout}. Restricted pod security: non-root, no privilege escalation, no
   * capabilities.
   */
  public void startLookup(
      String namespace, String name, String image, String host, Duration timeout) {
    startCheckJob(namespace, name, "dns", image, List.of("nslookup", host), timeout);
  }

  /**
   * Creates a check's Job ({@code bluegreen.dev/check=<check>}) running {@code command}, unless it
   * exists already; the same restrictions and clean-up as {@link #startLookup}.
   */
  public void startCheckJob(
      String namespace,
      String name,
      String check,
      String image,
      List<String> command,
      Duration timeout) {
    Job job =
        new JobBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .addToLabels("app.kubernetes.io/managed-by", "bluegreen-deployer")
            .addToLabels("bluegreen.dev/check", check)
            .endMetadata()
            .withNewSpec()
            .withBackoffLimit(1)
            .withActiveDeadlineSeconds(Math.max(1, timeout.toSeconds()))
            .withTtlSecondsAfterFinished(600)
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("bluegreen.dev/check", check)
            .endMetadata()
            .withNewSpec()
            .withRestartPolicy("Never")
            .withAutomountServiceAccountToken(false)
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withRunAsUser(65534L)
            .withNewSeccompProfile()
            .withType("RuntimeDefault")
            .endSeccompProfile()
            .endSecurityContext()
            .addNewContainer()
            .withName(check)
            .withImage(image)
            .withCommand(command)
            .withNewSecurityContext()
            .withAllowPrivilegeEscalation(false)
            .withNewCapabilities()
            .withDrop("ALL")
            .endCapabilities()
            .endSecurityContext()
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    try {
      client.batch().v1().jobs().inNamespace(namespace).resource(job).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  /**
   * How a lookup Job ended: {@code RESOLVED} or {@code FAILED} with the Job's message, empty while
   * it runs.
   */
  public Optional<DnsLookupEnd> lookupEnd(String namespace, String name) {
    Job job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
    if (job == null) {
      throw new IllegalStateException("Job " + namespace + "/" + name + " disappeared");
    }
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    for (JobCondition c : job.getStatus().getConditions()) {
      if (!"True".equals(c.getStatus())) {
        continue;
      }
      if ("Complete".equals(c.getType())) {
        return Optional.of(new DnsLookupEnd(true, c.getMessage()));
      }
      if ("Failed".equals(c.getType())) {
        return Optional.of(
            new DnsLookupEnd(
                false, c.getReason() + (c.getMessage() == null ? "" : ": " + c.getMessage())));
      }
    }
    return Optional.empty();
  }

  /** How a lookup Job ended. */
  public record DnsLookupEnd(boolean resolved, String message) {}

  /** Deletes a Job with its pods; gone already is fine. */
  public void deleteJob(String namespace, String name) {
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(namespace)
        .withName(name)
        .withPropagationPolicy(DeletionPropagation.BACKGROUND)
        .delete();
  }

  private static boolean stillRunning(Job job) {
    var status = job.getStatus();
    if (status == null) {
      return true;
    }
    if (status.getActive() != null && status.getActive() > 0) {
      return true;
    }
    boolean finished =
        status.getCompletionTime() != null
            || (status.getConditions() != null
                && status.getConditions().stream()
                    .anyMatch(
                        c ->
                            ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                                && "True".equals(c.getStatus())));
    return !finished && status.getStartTime() != null;
  }

  private static boolean ready(Node n) {
    return n.getStatus() != null
        && n.getStatus().getConditions() != null
        && n.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static boolean ready(Pod p) {
    return p.getStatus() != null
        && p.getStatus().getConditions() != null
        && p.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
