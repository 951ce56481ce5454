package dev.bluegreen.deployer.command;

import static dev.bluegreen.deployer.command.CloudReads.readOrSkip;

import dev.bluegreen.cloud.KubernetesClients;
import dev.bluegreen.cloud.Waiting;
import dev.bluegreen.contracts.events.CronJobsHandedOver;
import dev.bluegreen.contracts.events.HandOverCronJobs;
import dev.bluegreen.contracts.events.HandoverDirection;
import dev.bluegreen.deployer.cloud.ClusterObjects;
import dev.bluegreen.deployer.config.DeployerConfig;
import dev.bluegreen.deployer.core.CronJobState;
import dev.bluegreen.deployer.core.HandoverPlan;
import dev.bluegreen.messaging.PhaseFailure;
import dev.bluegreen.messaging.PhaseReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code HandOverCronJobs}: moves scheduled work from one side to the other (blue to green, or back
 * on a rollback) as the pure {@link HandoverPlan} says: suspend on the from-side, wait until its
 * Jobs have finished, resume on the to-side, and never leave a CronJob active on both. Answers
 * {@code CronJobsHandedOver}.
 */
@ApplicationScoped
public class CronJobHandover {
  @Inject KubernetesClients clusters;
  @Inject DeployerConfig settings;
  @Inject Waiting waiting;

  /** Carries out the command; every outcome is a fact, or a {@link PhaseFailure} thrown. */
  public void carryOut(HandOverCronJobs cmd, PhaseReport report) {
    try (BlueAndGreen pair = BlueAndGreen.open(clusters, cmd.cluster(), cmd.greenCluster())) {
      handOver(cmd, report, pair);
    }
  }

  private void handOver(HandOverCronJobs cmd, PhaseReport report, BlueAndGreen pair) {
    boolean toGreen = cmd.direction() != HandoverDirection.GREEN_TO_BLUE;
    ClusterObjects blue = pair.blue;
    ClusterObjects green = pair.green;
    ClusterObjects from = toGreen ? blue : green;
    ClusterObjects to = toGreen ? green : blue;

    if (toGreen) {
      // CronJobs added to blue since the deploy: record them while blue still owns the work.
      pair.recordBlueCronJobs();
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
    awaitNoJobsRunning(plan, from, report);
    // 3. Resume on the to-side, re-checking the from-side right before each (never both active).
    resume(plan, pair, from, to);
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

  /** Waits until no Job started by the from-side's CronJobs runs; both sides are suspended. */
  private void awaitNoJobsRunning(HandoverPlan plan, ClusterObjects from, PhaseReport report) {
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
  }

  /** Resumes on the to-side what the plan moves, unless the from-side was resumed meanwhile. */
  private void resume(
      HandoverPlan plan, BlueAndGreen pair, ClusterObjects from, ClusterObjects to) {
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
    List<String> onBoth = HandoverPlan.activeOnBoth(pair.blue.cronJobs(), pair.green.cronJobs());
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
  }

  private void pause() {
    waiting.pause(settings.pollInterval());
  }
}
