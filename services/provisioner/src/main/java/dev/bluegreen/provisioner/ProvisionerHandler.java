package dev.bluegreen.provisioner;

import dev.bluegreen.cloud.CloudErrors;
import dev.bluegreen.cloud.SecurityGroupRules;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.events.CleanUpGreen;
import dev.bluegreen.contracts.events.Phase;
import dev.bluegreen.contracts.events.ProvisionGreen;
import dev.bluegreen.contracts.events.RunPreflight;
import dev.bluegreen.messaging.CommandHandler;
import dev.bluegreen.messaging.Facts;
import dev.bluegreen.messaging.PhaseFailure;
import dev.bluegreen.messaging.PhaseReport;
import dev.bluegreen.provisioner.cloud.BlueAwsAuth;
import dev.bluegreen.provisioner.cloud.EksClusters;
import dev.bluegreen.provisioner.cloud.GreenTargetGroups;
import dev.bluegreen.provisioner.cloud.LaunchTemplates;
import dev.bluegreen.provisioner.cloud.SubnetFreeIpsReader;
import dev.bluegreen.provisioner.command.BlueReader;
import dev.bluegreen.provisioner.command.GreenCleanUp;
import dev.bluegreen.provisioner.command.GreenProvisioning;
import dev.bluegreen.provisioner.command.PreflightRun;
import dev.bluegreen.provisioner.command.SharedResourceAccess;
import dev.bluegreen.provisioner.config.ProvisionerConfig;
import dev.bluegreen.provisioner.core.GreenPlan;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The provisioner: pre-flight checks, green's creation and green's clean-up, each carried out by a
 * class of its own in {@code command/} (which share one {@link BlueReader}); here only which one,
 * and how its failure becomes a fact.
 */
@ApplicationScoped
public class ProvisionerHandler implements CommandHandler {

  private final PreflightRun preflight;
  private final GreenProvisioning provisioning;
  private final GreenCleanUp cleanUp;

  /** The handler over its cloud adapters (CDI, or a second instance in a restart test). */
  public ProvisionerHandler(
      EksClusters eks,
      SubnetFreeIpsReader subnets,
      GreenTargetGroups targetGroups,
      BlueAwsAuth awsAuth,
      Ec2Client ec2,
      ProvisionerConfig config) {
    LaunchTemplates templates = new LaunchTemplates(ec2);
    BlueReader blue = new BlueReader(eks, awsAuth, templates);
    SharedResourceAccess shared =
        new SharedResourceAccess(eks, new SecurityGroupRules(ec2), config.sharedRules().mirror());
    this.preflight = new PreflightRun(blue, eks, subnets, config);
    this.provisioning = new GreenProvisioning(blue, eks, templates, targetGroups, shared);
    this.cleanUp = new GreenCleanUp(eks, templates, targetGroups, shared);
  }

  @Override
  public Set<Class<? extends Command>> accepts() {
    return Set.of(RunPreflight.class, ProvisionGreen.class, CleanUpGreen.class);
  }

  @Override
  public Phase phaseOf(Command command) {
    if (command instanceof RunPreflight) {
      return Phase.PREFLIGHT;
    }
    return command instanceof ProvisionGreen ? Phase.PROVISIONING : Phase.CLEANING_UP;
  }

  @Override
  public void handle(CloudEvent<? extends Command> event, Facts facts) {
    Command command = event.data();
    PhaseReport report = new PhaseReport(command, phaseOf(command), facts);
    try {
      if (command instanceof RunPreflight c) {
        preflight.carryOut(c, report);
      } else if (command instanceof ProvisionGreen c) {
        provisioning.carryOut(c, report);
      } else if (command instanceof CleanUpGreen c) {
        cleanUp.carryOut(c, report);
      } else {
        throw new IllegalArgumentException("not a provisioner command: " + command);
      }
    } catch (GreenPlan.Refused e) {
      report.failed(e.code(), e.getMessage(), false, Map.of());
    } catch (PhaseFailure e) {
      report.failed(e);
    } catch (RuntimeException e) {
      // Throttling and 5xx that outlasted the SDK's retries, or an in-use conflict (a delete
      // racing a create), pass; anything not from the cloud goes to the inbox.
      report.failed(CloudErrors.classify(e).orElseThrow(() -> e), Map.of());
    }
  }
}
