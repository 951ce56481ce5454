package dev.bluegreen.deployer;

import dev.bluegreen.cloud.CloudErrors;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.events.DeployWorkloads;
import dev.bluegreen.contracts.events.DeregisterGreen;
import dev.bluegreen.contracts.events.HandOverCronJobs;
import dev.bluegreen.contracts.events.HandoverDirection;
import dev.bluegreen.contracts.events.Phase;
import dev.bluegreen.contracts.events.VerifyGreen;
import dev.bluegreen.deployer.command.CronJobHandover;
import dev.bluegreen.deployer.command.GreenDeregistration;
import dev.bluegreen.deployer.command.GreenVerification;
import dev.bluegreen.deployer.command.WorkloadDeployment;
import dev.bluegreen.messaging.CommandHandler;
import dev.bluegreen.messaging.Facts;
import dev.bluegreen.messaging.PhaseFailure;
import dev.bluegreen.messaging.PhaseReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;

/**
 * The deployer: registers green with Argo CD and waits for its applications, runs the smoke tests,
 * hands CronJobs over, and deregisters green, each command carried out by a class of its own in
 * {@code command/}; here only which one, and how its failure becomes a fact. Every command starts
 * by looking at the cloud, so a redelivered one finds its work done and only reports it again.
 */
@ApplicationScoped
public class DeployerHandler implements CommandHandler {
  @Inject WorkloadDeployment deployment;
  @Inject GreenVerification verification;
  @Inject CronJobHandover handover;
  @Inject GreenDeregistration deregistration;

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
        deployment.carryOut(d, report);
      } else if (command instanceof VerifyGreen v) {
        verification.carryOut(v, report);
      } else if (command instanceof HandOverCronJobs h) {
        handover.carryOut(h, report);
      } else if (command instanceof DeregisterGreen d) {
        deregistration.carryOut(d, report);
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
}
