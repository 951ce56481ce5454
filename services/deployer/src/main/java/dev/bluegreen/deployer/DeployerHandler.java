package dev.bluegreen.deployer;

import dev.bluegreen.cloud.CloudError;
import dev.bluegreen.cloud.CloudErrors;
import dev.bluegreen.cloud.KubernetesClients;
import dev.bluegreen.cloud.Waiting;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.events.Check;
import dev.bluegreen.contracts.events.CronJobsHandedOver;
import dev.bluegreen.contracts.events.DeployWorkloads;
import dev.bluegreen.contracts.events.DeregisterGreen;
import dev.bluegreen.contracts.events.GreenDeregistered;
import dev.bluegreen.contracts.events.HandOverCronJobs;
import dev.bluegreen.contracts.events.HandoverDirection;
import dev.bluegreen.contracts.events.Phase;
import dev.bluegreen.contracts.events.SmokeTestsCompleted;
import dev.bluegreen.contracts.events.VerifyGreen;
import dev.bluegreen.contracts.events.WorkloadsDeployed;
import dev.bluegreen.deployer.cloud.ArgoCd;
import dev.bluegreen.deployer.cloud.ClusterObjects;
import dev.bluegreen.deployer.cloud.TargetGroups;
import dev.bluegreen.deployer.config.DeployerConfig;
import dev.bluegreen.deployer.core.AppStatus;
import dev.bluegreen.deployer.core.ClusterRegistration;
import dev.bluegreen.deployer.core.CronJobState;
import dev.bluegreen.deployer.core.HandoverPlan;
import dev.bluegreen.deployer.core.Observations.DnsLookup;
import dev.bluegreen.deployer.core.Observations.LookupOutcome;
import dev.bluegreen.deployer.core.Observations.PodState;
import dev.bluegreen.deployer.core.Observations.Probe;
import dev.bluegreen.deployer.core.SmokeChecks;
import dev.bluegreen.deployer.core.SyncProgress;
import dev.bluegreen.messaging.CommandHandler;
import dev.bluegreen.messaging.Facts;
import dev.bluegreen.messaging.PhaseFailure;
import dev.bluegreen.messaging.PhaseReport;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The deployer: registers green with Argo CD and waits for its applications, runs the smoke tests,
 * hands CronJobs over, and deregisters green. Every step starts by looking at the cloud, so a
 * redelivered command finds its work done and only reports it again.
 */
@ApplicationScoped
public class DeployerHandler implements CommandHandler {
  private static final Logger LOG = Logger.getLogger(DeployerHandler.class);

  @Inject ArgoCd argoCd;
  @Inject KubernetesClients clusters;
  @Inject TargetGroups targetGroups;
  @Inject DeployerConfig settings;

  @Inject Waiting waiting;

  @Override
  public Set<Class<? extends Command>> accepts() {
    return Set.of(
        DeployWorkloads.class, VerifyGreen.class, HandOverCronJobs.class, DeregisterGreen.class);
  }

  @Override
  public Phase phaseOf(Command command) {
    if (command instanceof DeployWorkloads) {
      return Phase.DEPLOYING;
    }
    if (command instanceof VerifyGreen) {
      return Phase.VERIFYING;
    }
    if (command instanceof HandOverCronJobs h) {
      return h.direction() == HandoverDirection.GREEN_TO_BLUE ? Phase.ROLLING_BACK : Phase.HANDOVER;
    }
    if (command instanceof DeregisterGreen) {
      return Phase.CLEANING_UP;
    }
    throw new IllegalArgumentException("not a deployer command: " + command);
  }

  @Override
  public void handle(CloudEvent<? extends Command> event, Facts facts) {
    Command command = event.data();
    PhaseReport report = new PhaseReport(command, phaseOf(command), facts);
    try {
      if (command instanceof DeployWorkloads d) {
        deploy(d, report);
      } else if (command instanceof VerifyGreen v) {
        verify(v, report);
      } else if (command instanceof HandOverCronJobs h) {
        handOver(h, report);
      } else if (command instanceof DeregisterGreen d) {
        deregister(d, report);
      } else {
        throw new IllegalArgumentException("not a deployer command: " + command);
      }
    } catch (PhaseFailure f) {
      report.failed(f);
    } catch (RuntimeException e) {
      // Anything not from the cloud goes to the inbox, which reports it as a retryable PhaseFailed.
      report.failed(CloudErrors.classify(e).orElseThrow(() -> e), Map.of());
    }
  }

  // --- Deploy ------------------------------------------------------------------------------

  private void deploy(DeployWorkloads cmd, PhaseReport report) {
    Secret blueSecret =
        argoCd
            .registrationOf(cmd.cluster())
            .orElseThrow(
                () ->
                    new PhaseFailure(
                        "BlueNotRegistered",
                        "blue cluster " + cmd.cluster() + " is not registered with Argo CD",
                        false,
                        Map.of()));
    KubernetesClients.Endpoint blue = clusters.endpointOf(cmd.cluster());
    KubernetesClients.Endpoint green = clusters.endpointOf(cmd.greenCluster());
    try (KubernetesClient blueClient = clusters.open(blue);
        KubernetesClient greenClient = clusters.open(green)) {
      deploy(
          cmd,
          report,
          blueSecret,
          blue,
          green,
          new ClusterObjects(blueClient),
          new ClusterObjects(greenClient));
    }
  }

  private void deploy(
      DeployWorkloads cmd,
      PhaseReport report,
      Secret blueSecret,
      KubernetesClients.Endpoint blue,
      KubernetesClients.Endpoint green,
      ClusterObjects blueObjects,
      ClusterObjects greenObjects) {
    // Before anything can move, remember which of blue's CronJobs its owners had suspended.
    HandoverPlan.unrecorded(blueObjects.cronJobs())
        .forEach(blueObjects::recordSuspendedBeforeUpgrade);

    Map<String, String> blueLabels = blueSecret.getMetadata().getLabels();
    argoCd.register(
        ClusterRegistration.forGreen(
            blueLabels == null ? Map.of() : blueLabels,
            cmd.greenCluster(),
            green.server(),
            argoCd.clusterConfig(green, clusters.simulated()),
            cmd.upgradeId()));

    Instant registered = waiting.now();
    Instant deadline = registered.plus(settings.deployTimeout());
    SyncProgress last = null;
    while (true) {
      Optional<List<AppStatus>> greenApps =
          readOrSkip(
              () -> argoCd.applicationsTargeting(cmd.greenCluster(), green.server(), registered));
      int blueCount =
          readOrSkip(
                  () ->
                      argoCd.applicationsTargeting(cmd.cluster(), blue.server(), registered).size())
              .orElse(0);
      // Green runs no scheduled work until the handover: suspend what Argo CD delivered running.
      readOrSkip(() -> suspendGreenCronJobs(blueObjects, greenObjects));
      if (greenApps.isPresent()) {
        SyncProgress progress = SyncProgress.of(greenApps.get(), blueCount);
        if (progress.failed()) {
          throw new PhaseFailure(
              "ApplicationDegraded",
              progress.failureReason(),
              false,
              Map.of("degraded", progress.degraded().stream().map(AppStatus::name).toList()));
        }
        if (!progress.equals(last)) {
          report.progress("applications", progress.done(), progress.total(), progress.message());
          last = progress;
        }
        if (progress.complete()) {
          // A last look: CronJobs of the last app to sync may have arrived after the sweep above.
          suspendGreenCronJobs(blueObjects, greenObjects);
          report
              .facts()
              .publish(
                  new WorkloadsDeployed(
                      cmd.commandId(),
                      cmd.upgradeId(),
                      cmd.cluster(),
                      cmd.greenCluster(),
                      progress.ready()));
          return;
        }
        if (waiting.now().isAfter(deadline)) {
          throw new PhaseFailure(
              "DeployTimeout", progress.timeoutReason(greenApps.get()), true, Map.of());
        }
      } else if (waiting.now().isAfter(deadline)) {
        throw new PhaseFailure(
            "DeployTimeout", "deadline passed while Argo CD could not be read", true, Map.of());
      }
      pause();
    }
  }

  private boolean suspendGreenCronJobs(ClusterObjects blue, ClusterObjects green) {
    HandoverPlan.toSuspendOnGreenAtDeploy(blue.cronJobs(), green.cronJobs())
        .forEach(key -> green.setSuspended(key, true));
    return true;
  }

  // --- Verify ------------------------------------------------------------------------------

  private void verify(VerifyGreen cmd, PhaseReport report) {
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
    String targetGroup = settings.targetGroupName().replace("{cluster}", cmd.greenCluster());
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
    String name =
        "bluegreen-dns-"
            + UUID.nameUUIDFromBytes(cmd.commandId().getBytes(StandardCharsets.UTF_8))
                .toString()
                .substring(0, 8);
    String job = dns.namespace() + "/" + name;
    try {
      green.startLookup(dns.namespace(), name, dns.image(), dns.host(), dns.timeout());
    } catch (RuntimeException e) {
      return new DnsLookup(dns.host(), job, LookupOutcome.NOT_RUN, describe(e));
    }
    Instant deadline = waiting.now().plus(dns.timeout());
    try {
      while (true) {
        Optional<ClusterObjects.DnsLookupEnd> end;
        try {
          end = readOrSkip(() -> green.lookupEnd(dns.namespace(), name)).flatMap(o -> o);
        } catch (RuntimeException e) {
          return new DnsLookup(
              dns.host(), job, LookupOutcome.NOT_RUN, "cannot read the Job: " + describe(e));
        }
        if (end.isPresent()) {
          return new DnsLookup(
              dns.host(),
              job,
              end.get().resolved() ? LookupOutcome.RESOLVED : LookupOutcome.FAILED,
              end.get().resolved() ? null : end.get().message());
        }
        if (waiting.now().isAfter(deadline)) {
          return new DnsLookup(
              dns.host(),
              job,
              LookupOutcome.TIMED_OUT,
              "Job " + job + " still running after " + dns.timeout());
        }
        pause();
      }
    } finally {
      try {
        green.deleteJob(dns.namespace(), name);
      } catch (RuntimeException e) {
        LOG.warnf("could not delete the DNS lookup Job %s on %s: %s", job, cmd.greenCluster(), e);
      }
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

  // --- Handover ----------------------------------------------------------------------------

  private void handOver(HandOverCronJobs cmd, PhaseReport report) {
    try (KubernetesClient blueClient = clusters.open(cmd.cluster());
        KubernetesClient greenClient = clusters.open(cmd.greenCluster())) {
      handOver(cmd, report, new ClusterObjects(blueClient), new ClusterObjects(greenClient));
    }
  }

  private void handOver(
      HandOverCronJobs cmd, PhaseReport report, ClusterObjects blue, ClusterObjects green) {
    boolean toGreen = cmd.direction() != HandoverDirection.GREEN_TO_BLUE;
    ClusterObjects from = toGreen ? blue : green;
    ClusterObjects to = toGreen ? green : blue;

    if (toGreen) {
      // CronJobs added to blue since the deploy: record them while blue still owns the work.
      HandoverPlan.unrecorded(blue.cronJobs()).forEach(blue::recordSuspendedBeforeUpgrade);
    }
    HandoverPlan plan = HandoverPlan.of(toGreen, blue.cronJobs(), green.cronJobs());
    if (!plan.missingOnTo().isEmpty()) {
      throw new PhaseFailure(
          "CronJobsMissing",
          "not on "
              + plan.to().name().toLowerCase()
              + ": "
              + String.join(", ", plan.missingOnTo())
              + "; handing over would stop their scheduled work everywhere",
          false,
          Map.of("missing", plan.missingOnTo()));
    }
    // 1. Suspend first. A kept-suspended CronJob running on the to-side is suspended there too.
    plan.suspendOnFrom().forEach(key -> from.setSuspended(key, true));
    plan.suspendOnTo().forEach(key -> to.setSuspended(key, true));
    // 2. Wait until nothing started by the from-side still runs.
    Instant deadline = waiting.now().plus(settings.runningJobsTimeout());
    List<String> lastRunning = null;
    while (true) {
      Optional<List<String>> running = readOrSkip(() -> HandoverPlan.stillRunning(from.cronJobs()));
      if (running.isPresent() && running.get().isEmpty()) {
        break;
      }
      if (running.isPresent() && !running.get().equals(lastRunning)) {
        lastRunning = running.get();
        report.progress(
            "running-jobs",
            null,
            null,
            "waiting for Jobs on "
                + plan.from().name().toLowerCase()
                + ": "
                + String.join(", ", lastRunning));
      }
      if (waiting.now().isAfter(deadline)) {
        // Both sides are suspended now: safe, and the orchestrator decides what comes next.
        throw new PhaseFailure(
            "JobsStillRunning",
            "Jobs still running on "
                + plan.from().name().toLowerCase()
                + " at the deadline: "
                + String.join(", ", lastRunning == null ? List.of() : lastRunning),
            true,
            Map.of());
      }
      pause();
    }
    // 3. Resume on the to-side, re-checking the from-side right before each (never both active).
    List<CronJobState> fromNow = from.cronJobs();
    List<String> activeOnFrom =
        fromNow.stream().filter(CronJobState::active).map(CronJobState::key).toList();
    if (!activeOnFrom.isEmpty()) {
      throw new PhaseFailure(
          "ConcurrentChange",
          "CronJobs were resumed on "
              + plan.from().name().toLowerCase()
              + " during the handover: "
              + String.join(", ", activeOnFrom),
          true,
          Map.of());
    }
    plan.resumeOnTo().forEach(key -> to.setSuspended(key, false));
    // Read both sides back: if someone resumed the from-side meanwhile, give the work back to it
    // rather than let it run twice, and say so.
    List<String> onBoth = HandoverPlan.activeOnBoth(blue.cronJobs(), green.cronJobs());
    if (!onBoth.isEmpty()) {
      onBoth.forEach(key -> to.setSuspended(key, true));
      throw new PhaseFailure(
          "ConcurrentChange",
          "CronJobs were found active on both sides after the handover and were suspended again on "
              + plan.to().name().toLowerCase()
              + ": "
              + String.join(", ", onBoth),
          true,
          Map.of("activeOnBoth", onBoth));
    }
    report
        .facts()
        .publish(
            new CronJobsHandedOver(
                cmd.commandId(),
                cmd.upgradeId(),
                cmd.cluster(),
                cmd.greenCluster(),
                cmd.direction(),
                plan.moved(),
                plan.keptSuspended()));
  }

  // --- Deregister --------------------------------------------------------------------------

  private void deregister(DeregisterGreen cmd, PhaseReport report) {
    String server;
    try {
      server = clusters.endpointOf(cmd.greenCluster()).server();
    } catch (RuntimeException e) {
      if (!CloudErrors.isCloudError(e) || CloudErrors.isTransient(e)) {
        throw e;
      }
      server = null; // green itself is gone: its applications are found by name alone
    }
    argoCd.deregister(cmd.greenCluster());
    String greenServer = server;
    Instant deregistered = waiting.now();
    Instant deadline = deregistered.plus(settings.pruneTimeout());
    while (true) {
      Optional<List<AppStatus>> left =
          readOrSkip(
              () -> argoCd.applicationsTargeting(cmd.greenCluster(), greenServer, deregistered));
      if (left.isPresent() && left.get().isEmpty()) {
        break;
      }
      if (waiting.now().isAfter(deadline)) {
        throw new PhaseFailure(
            "PruneTimeout",
            "Argo CD did not prune green's applications in time: "
                + left.map(l -> String.join(", ", l.stream().map(AppStatus::name).toList()))
                    .orElse("unknown"),
            true,
            Map.of());
      }
      pause();
    }
    report
        .facts()
        .publish(
            new GreenDeregistered(
                cmd.commandId(), cmd.upgradeId(), cmd.cluster(), cmd.greenCluster()));
  }

  // --- Helpers -----------------------------------------------------------------------------

  /** Runs a read inside a wait: a transient error only skips this look; a permanent one ends it. */
  private static <T> Optional<T> readOrSkip(Supplier<T> read) {
    try {
      return Optional.ofNullable(read.get());
    } catch (RuntimeException e) {
      if (CloudErrors.isTransient(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private void pause() {
    waiting.pause(settings.pollInterval());
  }

  private static String describe(RuntimeException e) {
    return CloudErrors.classify(e).map(CloudError::describe).orElse(e.toString());
  }
}
