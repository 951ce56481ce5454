package dev.bluegreen.deployer.core;

import dev.bluegreen.contracts.events.Check;
import dev.bluegreen.contracts.events.CheckResult;
import dev.bluegreen.deployer.core.Observations.DnsLookup;
import dev.bluegreen.deployer.core.Observations.NodeState;
import dev.bluegreen.deployer.core.Observations.PodState;
import dev.bluegreen.deployer.core.Observations.Probe;
import dev.bluegreen.deployer.core.Observations.ProbeAnswer;
import dev.bluegreen.deployer.core.Observations.TargetState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The smoke tests run on green before any traffic moves: each turns observations into one named
 * {@link Check}. Names are stable; the orchestrator and people read them.
 */
public final class SmokeChecks {

  /** Label of the CoreDNS pods (EKS add-on and upstream chart alike). */
  public static final String DNS_LABEL_KEY = "k8s-app";

  /** Value of {@link #DNS_LABEL_KEY} on CoreDNS pods. */
  public static final String DNS_LABEL_VALUE = "kube-dns";

  private SmokeChecks() {}

  /** {@code api-server}: the API server answers with its version. */
  public static Check apiServer(Optional<String> gitVersion, String error) {
    if (gitVersion.isPresent()) {
      return check(
          "api-server",
          CheckResult.PASS,
          "answers, version " + gitVersion.get(),
          Map.of("version", gitVersion.get()));
    }
    return check("api-server", CheckResult.FAIL, "does not answer: " + error, Map.of());
  }

  /** {@code nodes-ready}: at least {@code minReady} nodes, and every node, Ready. */
  public static Check nodesReady(List<NodeState> nodes, int minReady) {
    List<String> notReady =
        nodes.stream().filter(n -> !n.ready()).map(NodeState::name).sorted().toList();
    long ready = nodes.size() - notReady.size();
    Map<String, Object> data = Map.of("ready", ready, "total", nodes.size(), "notReady", notReady);
    if (ready < minReady) {
      return check(
          "nodes-ready",
          CheckResult.FAIL,
          ready + " nodes Ready, at least " + minReady + " needed",
          data);
    }
    if (!notReady.isEmpty()) {
      return check(
          "nodes-ready", CheckResult.FAIL, "not Ready: " + String.join(", ", notReady), data);
    }
    return check("nodes-ready", CheckResult.PASS, "all " + nodes.size() + " nodes Ready", data);
  }

  /**
   * {@code core-add-ons}: every pod in kube-system is Running and Ready (Succeeded pods of finished
   * Jobs are ignored). None at all is a failure: a cluster without CNI, kube-proxy and CoreDNS runs
   * nothing.
   */
  public static Check coreAddOns(List<PodState> kubeSystem) {
    List<PodState> relevant =
        kubeSystem.stream().filter(p -> !"Succeeded".equals(p.phase())).toList();
    List<String> failing =
        relevant.stream()
            .filter(p -> !p.running())
            .map(p -> p.name() + " (" + p.phase() + ")")
            .sorted()
            .toList();
    Map<String, Object> data = Map.of("pods", relevant.size(), "notRunning", failing);
    if (relevant.isEmpty()) {
      return check("core-add-ons", CheckResult.FAIL, "no pods run in kube-system", data);
    }
    if (!failing.isEmpty()) {
      return check(
          "core-add-ons", CheckResult.FAIL, "not running: " + String.join(", ", failing), data);
    }
    return check(
        "core-add-ons",
        CheckResult.PASS,
        "all " + relevant.size() + " kube-system pods Running and Ready",
        data);
  }

  /**
   * {@code dns}: a name resolves from inside green — a Job ran {@code nslookup} in a pod there. The
   * readiness of the CoreDNS pods ({@code k8s-app=kube-dns}) is kept as data and turns a successful
   * lookup into a warning when some of them are not Ready (less redundancy, still resolving).
   */
  public static Check dns(List<PodState> kubeSystem, DnsLookup lookup) {
    List<PodState> coredns =
        kubeSystem.stream()
            .filter(p -> DNS_LABEL_VALUE.equals(p.labels().get(DNS_LABEL_KEY)))
            .toList();
    long ready = coredns.stream().filter(PodState::running).count();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("host", lookup.host());
    data.put("job", lookup.job());
    data.put("lookup", lookup.outcome().name());
    data.put("coreDnsReady", ready);
    data.put("coreDnsPods", coredns.size());
    if (lookup.detail() != null) {
      data.put("detail", lookup.detail());
    }
    String pods = ready + " of " + coredns.size() + " CoreDNS pods Ready";
    return switch (lookup.outcome()) {
      case RESOLVED ->
          ready < coredns.size() || coredns.isEmpty()
              ? check(
                  "dns",
                  CheckResult.WARN,
                  lookup.host() + " resolves from a pod on green, but only " + pods,
                  data)
              : check(
                  "dns",
                  CheckResult.PASS,
                  lookup.host() + " resolves from a pod on green (" + pods + ")",
                  data);
      case FAILED ->
          check(
              "dns",
              CheckResult.FAIL,
              lookup.host()
                  + " does not resolve from a pod on green: "
                  + lookup.detail()
                  + " ("
                  + pods
                  + ")",
              data);
      case TIMED_OUT ->
          check(
              "dns",
              CheckResult.FAIL,
              "the lookup of " + lookup.host() + " did not finish: " + lookup.detail(),
              data);
      case NOT_RUN ->
          check(
              "dns",
              CheckResult.FAIL,
              "could not run the lookup of " + lookup.host() + ": " + lookup.detail(),
              data);
    };
  }

  /**
   * {@code shared-resources}: every configured shared resource (database, cache) accepts a TCP
   * connection from a pod on green, i.e. its security group admits green's (see the provisioner's
   * mirroring of blue's rules). Only run when endpoints are configured.
   */
  public static Check sharedResources(List<Observations.Connection> connections) {
    List<String> failing =
        connections.stream()
            .filter(c -> c.outcome() != Observations.LookupOutcome.RESOLVED)
            .map(
                c ->
                    c.endpoint()
                        + " ("
                        + c.outcome().name().toLowerCase(java.util.Locale.ROOT)
                        + (c.detail() == null ? "" : ": " + c.detail())
                        + ")")
            .toList();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("endpoints", connections.stream().map(Observations.Connection::endpoint).toList());
    data.put("unreachable", failing);
    if (!failing.isEmpty()) {
      return check(
          "shared-resources",
          CheckResult.FAIL,
          "not reachable from a pod on green: " + String.join(", ", failing),
          data);
    }
    return check(
        "shared-resources",
        CheckResult.PASS,
        "all " + connections.size() + " shared resources accept connections from a pod on green",
        data);
  }

  /** {@code target-health}: green's pods are registered, and healthy, in green's target group. */
  public static Check targetHealth(String targetGroup, List<TargetState> targets, String error) {
    if (error != null) {
      return check(
          "target-health",
          CheckResult.FAIL,
          "cannot read " + targetGroup + ": " + error,
          Map.of("targetGroup", targetGroup));
    }
    List<String> unhealthy =
        targets.stream()
            .filter(t -> !"healthy".equals(t.state()))
            .map(
                t ->
                    t.id()
                        + ":"
                        + t.port()
                        + " "
                        + t.state()
                        + (t.reason() == null
                            ? ""
                            : " ("
                                + t.reason()
                                + (t.description() == null ? "" : ": " + t.description())
                                + ")"))
            .sorted()
            .toList();
    Map<String, Object> data =
        Map.of("targetGroup", targetGroup, "targets", targets.size(), "unhealthy", unhealthy);
    if (targets.isEmpty()) {
      return check(
          "target-health", CheckResult.FAIL, "no targets registered in " + targetGroup, data);
    }
    if (!unhealthy.isEmpty()) {
      return check(
          "target-health",
          CheckResult.FAIL,
          "unhealthy in " + targetGroup + ": " + String.join(", ", unhealthy),
          data);
    }
    return check(
        "target-health",
        CheckResult.PASS,
        "all " + targets.size() + " targets healthy in " + targetGroup,
        data);
  }

  /** {@code http:<application>}: the application answers its probe with the expected status. */
  public static Check httpProbe(Probe probe, ProbeAnswer answer) {
    String name = "http:" + probe.application();
    String where = probe.namespace() + "/" + probe.service() + ":" + probe.port() + probe.path();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("target", where);
    data.put("expectedStatus", probe.expectedStatus());
    data.put("status", answer.status());
    if (answer.error() != null) {
      return check(name, CheckResult.FAIL, where + " did not answer: " + answer.error(), data);
    }
    if (answer.status() != probe.expectedStatus()) {
      return check(
          name,
          CheckResult.FAIL,
          where + " answered " + answer.status() + ", expected " + probe.expectedStatus(),
          data);
    }
    return check(name, CheckResult.PASS, where + " answered " + answer.status(), data);
  }

  /** A check that could not look at what it checks: a failure, with the reason it could not. */
  public static Check notObserved(String name, String reason) {
    return check(name, CheckResult.FAIL, reason, Map.of());
  }

  /** No check failed (warnings do not block). */
  public static boolean passed(List<Check> checks) {
    return checks.stream().noneMatch(c -> c.result() == CheckResult.FAIL);
  }

  private static Check check(
      String name, CheckResult result, String reason, Map<String, Object> data) {
    return new Check(name, result, reason, data);
  }
}
