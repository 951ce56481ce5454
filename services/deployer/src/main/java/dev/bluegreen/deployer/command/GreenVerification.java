package dev.bluegreen.deployer.command;

import static dev.bluegreen.deployer.command.CloudReads.describe;
import static dev.bluegreen.deployer.command.CloudReads.readOrSkip;

import dev.bluegreen.cloud.KubernetesClients;
import dev.bluegreen.cloud.Waiting;
import dev.bluegreen.contracts.events.Check;
import dev.bluegreen.contracts.events.SmokeTestsCompleted;
import dev.bluegreen.contracts.events.VerifyGreen;
import dev.bluegreen.contracts.naming.PhysicalNames;
import dev.bluegreen.deployer.cloud.ClusterObjects;
import dev.bluegreen.deployer.cloud.TargetGroups;
import dev.bluegreen.deployer.config.DeployerConfig;
import dev.bluegreen.deployer.core.Observations.Connection;
import dev.bluegreen.deployer.core.Observations.DnsLookup;
import dev.bluegreen.deployer.core.Observations.LookupOutcome;
import dev.bluegreen.deployer.core.Observations.PodState;
import dev.bluegreen.deployer.core.Observations.Probe;
import dev.bluegreen.deployer.core.SmokeChecks;
import dev.bluegreen.messaging.PhaseReport;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * {@code VerifyGreen}: the smoke tests on green (API server, Ready nodes, core add-ons, DNS from
 * inside a pod, the configured shared resources reached from inside a pod, target health, the
 * configured HTTP probes), each a named check of the pure {@link SmokeChecks}; answers {@code
 * SmokeTestsCompleted}.
 */
@ApplicationScoped
public class GreenVerification {
  private static final Logger LOG = Logger.getLogger(GreenVerification.class);

  @Inject KubernetesClients clusters;
  @Inject TargetGroups targetGroups;
  @Inject DeployerConfig settings;
  @Inject Waiting waiting;

  /** Carries out the command: every check is observed and reported, none ends it. */
  public void carryOut(VerifyGreen cmd, PhaseReport report) {
    try (KubernetesClient greenClient = clusters.open(cmd.greenCluster())) {
      verify(cmd, report, new ClusterObjects(greenClient));
    }
  }

  private void verify(VerifyGreen cmd, PhaseReport report, ClusterObjects green) {
    List<Check> checks = new ArrayList<>();
    Optional<String> version = Optional.empty();
    String error = null;
    try {
      version = Optional.ofNullable(green.version());
    } catch (RuntimeException e) {
      error = describe(e);
    }
    checks.add(SmokeChecks.apiServer(version, error));
    List<String> onGreen = List.of("nodes-ready", "core-add-ons", "dns");
    if (version.isPresent()) {
      checks.add(
          observed(
              "nodes-ready",
              () -> SmokeChecks.nodesReady(green.nodes(), settings.minReadyNodes())));
      Optional<List<PodState>> kubeSystem = Optional.empty();
      String podsError = null;
      try {
        kubeSystem = Optional.of(green.pods("kube-system"));
      } catch (RuntimeException e) {
        podsError = describe(e);
      }
      if (kubeSystem.isPresent()) {
        checks.add(SmokeChecks.coreAddOns(kubeSystem.get()));
        checks.add(SmokeChecks.dns(kubeSystem.get(), lookUpFromInside(cmd, green)));
      } else {
        checks.add(
            SmokeChecks.notObserved("core-add-ons", "cannot list kube-system pods: " + podsError));
        checks.add(SmokeChecks.notObserved("dns", "cannot list kube-system pods: " + podsError));
      }
    } else {
      onGreen.forEach(
          n -> checks.add(SmokeChecks.notObserved(n, "not run: the API server does not answer")));
    }
    List<String> endpoints = settings.sharedResources().endpoints().orElse(List.of());
    if (!endpoints.isEmpty()) {
      checks.add(
          version.isPresent()
              ? SmokeChecks.sharedResources(connectFromInside(cmd, green, endpoints))
              : SmokeChecks.notObserved(
                  "shared-resources", "not run: the API server does not answer"));
    }
    String targetGroup = PhysicalNames.targetGroup(settings.targetGroupName(), cmd.greenCluster());
    try {
      checks.add(SmokeChecks.targetHealth(targetGroup, targetGroups.health(targetGroup), null));
    } catch (RuntimeException e) {
      checks.add(SmokeChecks.targetHealth(targetGroup, List.of(), describe(e)));
    }
    Optional<String> answered = version;
    settings.probes().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              DeployerConfig.ProbeConfig p = e.getValue();
              Probe probe =
                  new Probe(
                      e.getKey(),
                      p.namespace(),
                      p.service(),
                      p.port(),
                      p.path(),
                      p.expectedStatus());
              checks.add(
                  answered.isPresent()
                      ? SmokeChecks.httpProbe(probe, green.probe(probe))
                      : SmokeChecks.notObserved(
                          "http:" + e.getKey(), "not run: the API server does not answer"));
            });
    report
        .facts()
        .publish(
            new SmokeTestsCompleted(
                cmd.commandId(),
                cmd.upgradeId(),
                cmd.cluster(),
                cmd.greenCluster(),
                SmokeChecks.passed(checks),
                checks));
  }

  /**
   * Resolves a name from a pod on green: a Job running {@code nslookup}, named after the command so
   * that a redelivery finds the Job it started, awaited until it ends or the deadline passes, then
   * deleted (it would also delete itself after a while).
   */
  private DnsLookup lookUpFromInside(VerifyGreen cmd, ClusterObjects green) {
    DeployerConfig.DnsCheck dns = settings.dnsCheck();
    String name = jobName("bluegreen-dns-", cmd.commandId());
    JobRun run =
        runInside(
                cmd,
                green,
                List.of(
                    new JobSpec(
                        dns.namespace(),
                        name,
                        "dns",
                        dns.image(),
                        List.of("nslookup", dns.host()))),
                dns.timeout())
            .get(0);
    return new DnsLookup(dns.host(), run.job(), run.outcome(), run.detail());
  }

  /**
   * Connects to each configured shared resource from a pod on green: one Job per endpoint running
   * {@code nc -z}, all started before any is awaited.
   */
  private List<Connection> connectFromInside(
      VerifyGreen cmd, ClusterObjects green, List<String> endpoints) {
    DeployerConfig.SharedResources shared = settings.sharedResources();
    List<JobSpec> jobs = new ArrayList<>();
    for (int i = 0; i < endpoints.size(); i++) {
      String endpoint = endpoints.get(i).trim();
      int colon = endpoint.lastIndexOf(':');
      List<String> command =
          colon < 0
              ? List.of("nc", "-z", "-w", String.valueOf(shared.connectSeconds()), endpoint)
              : List.of(
                  "nc",
                  "-z",
                  "-w",
                  String.valueOf(shared.connectSeconds()),
                  endpoint.substring(0, colon),
                  endpoint.substring(colon + 1));
      jobs.add(
          new JobSpec(
              shared.namespace(),
              jobName("bluegreen-conn-", cmd.commandId() + "/" + i),
              "shared-resources",
              shared.image(),
              command));
    }
    List<JobRun> runs = runInside(cmd, green, jobs, shared.timeout());
    List<Connection> out = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      JobRun r = runs.get(i);
      out.add(new Connection(endpoints.get(i).trim(), r.job(), r.outcome(), r.detail()));
    }
    return out;
  }

  private static String jobName(String prefix, String seed) {
    return prefix
        + UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString().substring(0, 8);
  }

  /** A check's Job to run on green. */
  private record JobSpec(
      String namespace, String name, String check, String image, List<String> command) {}

  /** How a check's Job ended: RESOLVED (succeeded), FAILED, TIMED_OUT or NOT_RUN. */
  private record JobRun(String job, LookupOutcome outcome, String detail) {}

  /**
   * Starts each Job (a redelivery finds the ones it started), awaits each until it ends or the
   * deadline passes, then deletes them.
   */
  private List<JobRun> runInside(
      VerifyGreen cmd, ClusterObjects green, List<JobSpec> jobs, java.time.Duration timeout) {
    List<JobRun> out = new ArrayList<>();
    List<String> notStarted = new ArrayList<>();
    for (JobSpec j : jobs) {
      try {
        green.startCheckJob(j.namespace(), j.name(), j.check(), j.image(), j.command(), timeout);
      } catch (RuntimeException e) {
        notStarted.add(describe(e));
        continue;
      }
      notStarted.add(null);
    }
    Instant deadline = waiting.now().plus(timeout);
    try {
      for (int i = 0; i < jobs.size(); i++) {
        JobSpec j = jobs.get(i);
        String job = j.namespace() + "/" + j.name();
        out.add(
            notStarted.get(i) != null
                ? new JobRun(job, LookupOutcome.NOT_RUN, notStarted.get(i))
                : await(green, j, job, deadline, timeout));
      }
      return out;
    } finally {
      for (JobSpec j : jobs) {
        try {
          green.deleteJob(j.namespace(), j.name());
        } catch (RuntimeException e) {
          LOG.warnf(
              "could not delete the %s Job %s/%s on %s: %s",
              j.check(), j.namespace(), j.name(), cmd.greenCluster(), e);
        }
      }
    }
  }

  private JobRun await(
      ClusterObjects green, JobSpec j, String job, Instant deadline, java.time.Duration timeout) {
    while (true) {
      Optional<ClusterObjects.DnsLookupEnd> end;
      try {
        end = readOrSkip(() -> green.lookupEnd(j.namespace(), j.name())).flatMap(o -> o);
      } catch (RuntimeException e) {
        return new JobRun(job, LookupOutcome.NOT_RUN, "cannot read the Job: " + describe(e));
      }
      if (end.isPresent()) {
        return new JobRun(
            job,
            end.get().resolved() ? LookupOutcome.RESOLVED : LookupOutcome.FAILED,
            end.get().resolved() ? null : end.get().message());
      }
      if (waiting.now().isAfter(deadline)) {
        return new JobRun(
            job, LookupOutcome.TIMED_OUT, "Job " + job + " still running after " + timeout);
      }
      pause();
    }
  }

  /** A check whose observation may fail: the failure is the check's result, not the phase's. */
  private static Check observed(String name, Supplier<Check> check) {
    try {
      return check.get();
    } catch (RuntimeException e) {
      return SmokeChecks.notObserved(name, "cannot observe: " + describe(e));
    }
  }

  private void pause() {
    waiting.pause(settings.pollInterval());
  }
}
