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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The provisioner: pre-flight checks, green's creation and green's clean-up, each carried out by a
 * class of its own in {@code command/} (which share one {@link BlueReader}); here only which one,
 * and how its failure becomes a fact.
 */
@ApplicationScoped
public class ProvisionerHandler implements CommandHandler {

  private static final Logger LOG = Logger.getLogger(ProvisionerHandler.class);

  private final PreflightRun preflight;
  private final GreenProvisioning provisioning;
  private final GreenCleanUp cleanUp;

  /**
   * Each green's lock: its provisioning and its clean-up never run at once. A clean-up comes while
   * the provisioning still runs only when the orchestrator gave up on it (the phase timed out, e.g.
   * green held CREATING); interleaved, the provisioning went on making what the clean-up had passed
   * (its target group, made last, is deleted first) and left it (bin/chaos --long-stuck). Kafka
   * gives each cluster's key to one instance at a time, so a lock in memory is enough.
   */
  private final Map<String, ReentrantLock> greens = new ConcurrentHashMap<>();

  /** Upgrades whose clean-up began here: a provisioning delivered after it is not carried out. */
  private final Set<String> cleaningUp = ConcurrentHashMap.newKeySet();

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
        provision(c, report);
      } else if (command instanceof CleanUpGreen c) {
        cleanUp(c, report);
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

  /** Green's creation, unless its clean-up began: then it was given up on and is not answered. */
  private void provision(ProvisionGreen c, PhaseReport report) {
    ReentrantLock green = greens.computeIfAbsent(c.greenCluster(), k -> new ReentrantLock());
    green.lock();
    try {
      if (cleaningUp.contains(c.upgradeId())) {
        LOG.infof(
            "%s: green %s is being or was cleaned up; the provisioning given up on is not carried"
                + " out",
            c.commandId(), c.greenCluster());
        return;
      }
      provisioning.carryOut(c, report);
    } finally {
      green.unlock();
    }
  }

  /** Green's clean-up, once a provisioning of it still running here is done. */
  private void cleanUp(CleanUpGreen c, PhaseReport report) {
    ReentrantLock green = greens.computeIfAbsent(c.greenCluster(), k -> new ReentrantLock());
    if (!green.tryLock()) {
      report.progress(
          "cleanup-waits-for-provisioning",
          null,
          null,
          "Green "
              + c.greenCluster()
              + " is still being provisioned (given up on): the clean-up waits for it, then"
              + " deletes all it made");
      green.lock();
    }
    try {
      cleaningUp.add(c.upgradeId());
      cleanUp.carryOut(c, report);
    } finally {
      green.unlock();
    }
  }
}
