package dev.bluegreen.deployer.command;

import static dev.bluegreen.deployer.command.CloudReads.readOrSkip;

import dev.bluegreen.cloud.CloudErrors;
import dev.bluegreen.cloud.KubernetesClients;
import dev.bluegreen.cloud.Waiting;
import dev.bluegreen.contracts.events.DeregisterGreen;
import dev.bluegreen.contracts.events.GreenDeregistered;
import dev.bluegreen.deployer.cloud.ArgoCd;
import dev.bluegreen.deployer.config.DeployerConfig;
import dev.bluegreen.deployer.core.AppStatus;
import dev.bluegreen.messaging.PhaseFailure;
import dev.bluegreen.messaging.PhaseReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code DeregisterGreen}: deletes green's Argo CD registration and waits until Argo CD has pruned
 * green's applications; answers {@code GreenDeregistered}. Green itself may already be gone.
 */
@ApplicationScoped
public class GreenDeregistration {
  @Inject ArgoCd argoCd;
  @Inject KubernetesClients clusters;
  @Inject DeployerConfig settings;
  @Inject Waiting waiting;

  /** Carries out the command; every outcome is a fact, or a {@link PhaseFailure} thrown. */
  public void carryOut(DeregisterGreen cmd, PhaseReport report) {
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

  private void pause() {
    waiting.pause(settings.pollInterval());
  }
}
