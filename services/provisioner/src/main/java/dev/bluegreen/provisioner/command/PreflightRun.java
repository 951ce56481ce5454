package dev.bluegreen.provisioner.command;

import dev.bluegreen.contracts.events.Check;
import dev.bluegreen.contracts.events.PreflightCompleted;
import dev.bluegreen.contracts.events.RunPreflight;
import dev.bluegreen.messaging.PhaseReport;
import dev.bluegreen.provisioner.cloud.EksClusters;
import dev.bluegreen.provisioner.cloud.SubnetFreeIpsReader;
import dev.bluegreen.provisioner.config.ProvisionerConfig;
import dev.bluegreen.provisioner.core.AwsAuthTranslation;
import dev.bluegreen.provisioner.core.Observed;
import dev.bluegreen.provisioner.core.Preflight;
import dev.bluegreen.provisioner.core.PreflightInput;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code RunPreflight}: observes blue, the target version, the subnets and the account, and lets
 * the pure {@link Preflight} judge whether green can be built; answers {@code PreflightCompleted}.
 */
public final class PreflightRun {

  private final BlueReader blue;
  private final EksClusters eks;
  private final SubnetFreeIpsReader subnets;
  private final ProvisionerConfig config;

  public PreflightRun(
      BlueReader blue, EksClusters eks, SubnetFreeIpsReader subnets, ProvisionerConfig config) {
    this.blue = blue;
    this.eks = eks;
    this.subnets = subnets;
    this.config = config;
  }

  /** Carries out the command; every outcome is a fact. */
  public void carryOut(RunPreflight c, PhaseReport report) {
    Optional<BlueReader.Blue> found = blue.read(c.cluster(), c.targetVersion(), report);
    if (found.isEmpty()) {
      completed(c, report, List.of(Preflight.blueMissing(c.cluster())));
      return;
    }
    BlueReader.Blue b = found.get();
    report.step("reading insights, versions, subnets and limits");
    var insights = eks.upgradeInsights(c.cluster());
    var support = eks.versionSupport(c.targetVersion());
    Set<String> greenSubnets = new LinkedHashSet<>();
    b.nodegroups()
        .forEach(
            ng ->
                greenSubnets.addAll(
                    ng.subnets().isEmpty() ? b.cluster().subnetIds() : ng.subnets()));
    var freeIps = subnets.read(greenSubnets);
    var limits =
        new Observed.AccountLimits(
            eks.clusterCount(),
            config.quotas().clustersPerRegion(),
            config.quotas().nodegroupsPerCluster(),
            "configuration (bluegreen.provisioner.quotas.*)");
    Optional<Observed.Cluster> green = eks.cluster(c.greenCluster());
    Observed.AwsAuth awsAuth = blue.awsAuth(b.cluster(), report);
    AwsAuthTranslation translation =
        AwsAuthTranslation.of(
            awsAuth,
            awsAuth.state() == Observed.AwsAuthState.READ
                ? eks.accessEntryPrincipals(c.cluster())
                : Set.of());
    List<Check> checks =
        Preflight.run(
            new PreflightInput(
                c.upgradeId(),
                c.targetVersion(),
                b.cluster(),
                b.nodegroups(),
                b.addons(),
                b.addonVersions(),
                support,
                insights,
                freeIps,
                limits,
                green,
                config.ipsPerNode(),
                translation,
                b.launchTemplates()));
    checks.add(Preflight.namesValid(b.cluster(), c.greenCluster(), config.targetGroupName()));
    completed(c, report, checks);
  }

  private static void completed(RunPreflight c, PhaseReport report, List<Check> checks) {
    report
        .facts()
        .publish(
            new PreflightCompleted(
                c.commandId(),
                c.upgradeId(),
                c.cluster(),
                c.greenCluster(),
                Preflight.passed(checks),
                checks));
  }
}
