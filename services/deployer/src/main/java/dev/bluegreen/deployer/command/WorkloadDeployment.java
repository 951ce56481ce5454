package dev.bluegreen.deployer.command;

import static dev.bluegreen.deployer.command.CloudReads.readOrSkip;

import dev.bluegreen.cloud.KubernetesClients;
import dev.bluegreen.cloud.Waiting;
import dev.bluegreen.contracts.events.DeployWorkloads;
import dev.bluegreen.contracts.events.WorkloadsDeployed;
import dev.bluegreen.deployer.cloud.ArgoCd;
import dev.bluegreen.deployer.cloud.ClusterObjects;
import dev.bluegreen.deployer.config.DeployerConfig;
import dev.bluegreen.deployer.core.AppStatus;
import dev.bluegreen.deployer.core.ClusterRegistration;
import dev.bluegreen.deployer.core.HandoverPlan;
import dev.bluegreen.deployer.core.SyncProgress;
import dev.bluegreen.messaging.PhaseFailure;
import dev.bluegreen.messaging.PhaseReport;
import io.fabric8.kubernetes.api.model.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code DeployWorkloads}: registers green with Argo CD as blue's twin (its labels, so blue's
 * ApplicationSets target green too) and waits until green's applications are Synced and Healthy,
 * keeping green's CronJobs suspended until the handover. Answers {@code WorkloadsDeployed}.
 */
@ApplicationScoped
public class WorkloadDeployment {
  @Inject ArgoCd argoCd;
  @Inject KubernetesClients clusters;
  @Inject DeployerConfig settings;
  @Inject Waiting waiting;

  /** Carries out the command; every outcome is a fact, or a {@link PhaseFailure} thrown. */
  public void carryOut(DeployWorkloads cmd, PhaseReport report) {
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
    try (BlueAndGreen pair = BlueAndGreen.open(clusters, cmd.cluster(), cmd.greenCluster())) {
      deploy(cmd, report, blueSecret, pair);
    }
  }

  private void deploy(
      DeployWorkloads cmd, PhaseReport report, Secret blueSecret, BlueAndGreen pair) {
    // Before anything can move, remember which of blue's CronJobs its owners had suspended.
    pair.recordBlueCronJobs();
    KubernetesClients.Endpoint blue = pair.blueEndpoint;
    KubernetesClients.Endpoint green = pair.greenEndpoint;
    ClusterObjects blueObjects = pair.blue;
    ClusterObjects greenObjects = pair.green;

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

  private void pause() {
    waiting.pause(settings.pollInterval());
  }
}
