package dev.bluegreen.provisioner.command;

import dev.bluegreen.contracts.events.GreenClusterReady;
import dev.bluegreen.contracts.events.ProvisionGreen;
import dev.bluegreen.messaging.PhaseReport;
import dev.bluegreen.provisioner.cloud.EksClusters;
import dev.bluegreen.provisioner.cloud.GreenFailure;
import dev.bluegreen.provisioner.cloud.GreenTargetGroups;
import dev.bluegreen.provisioner.cloud.LaunchTemplates;
import dev.bluegreen.provisioner.core.AwsAuthTranslation;
import dev.bluegreen.provisioner.core.ExistingGreen;
import dev.bluegreen.provisioner.core.GreenPlan;
import dev.bluegreen.provisioner.core.GreenTags;
import dev.bluegreen.provisioner.core.LaunchTemplateCopies;
import dev.bluegreen.provisioner.core.Observed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;

/**
 * {@code ProvisionGreen}: reads blue, plans green as its mirror at the target version (the pure
 * {@link GreenPlan}), then creates what is missing (describe before create, a request token per
 * resource) and waits for each piece: cluster, node groups (with copies of blue's launch templates,
 * {@link LaunchTemplateCopies}), add-ons, access entries, shared resources' security-group rules
 * ({@link SharedResourceAccess}), target group. A redelivered command or a restart finds its
 * resources on their way and waits for them.
 */
public final class GreenProvisioning {

  private static final Logger LOG = Logger.getLogger(GreenProvisioning.class);

  private final BlueReader blue;
  private final EksClusters eks;
  private final LaunchTemplates templates;
  private final GreenTargetGroups targetGroups;
  private final SharedResourceAccess shared;

  public GreenProvisioning(
      BlueReader blue,
      EksClusters eks,
      LaunchTemplates templates,
      GreenTargetGroups targetGroups,
      SharedResourceAccess shared) {
    this.blue = blue;
    this.eks = eks;
    this.templates = templates;
    this.targetGroups = targetGroups;
    this.shared = shared;
  }

  /** Carries out the command; every outcome is a fact, or a {@link GreenFailure} thrown. */
  public void carryOut(ProvisionGreen c, PhaseReport report) {
    GreenPlan plan = plan(c, report);
    String green = c.greenCluster();
    Observed.Cluster active = cluster(c, plan, report);
    nodegroups(c, plan, report);
    addons(c, plan, report);
    accessEntries(c, plan, report);
    // Before green is reported ready: its smoke tests must reach what blue reaches.
    shared.admitGreen(c.upgradeId(), c.cluster(), green, report);
    report.step("creating target group " + targetGroups.nameOf(green));
    targetGroups.ensure(c.cluster(), green, c.upgradeId());
    report.progress(
        "target-group-ready",
        null,
        null,
        "Green's target group " + targetGroups.nameOf(green) + " is ready for its pods");
    report
        .facts()
        .publish(
            new GreenClusterReady(
                c.commandId(),
                c.upgradeId(),
                c.cluster(),
                green,
                active.version(),
                plan.nodegroups().stream().map(GreenPlan.NodegroupPlan::name).toList(),
                plan.addons().stream().map(GreenPlan.AddonPlan::name).toList()));
  }

  /** Green as blue's mirror; refuses when blue is gone or its aws-auth cannot be read. */
  private GreenPlan plan(ProvisionGreen c, PhaseReport report) {
    BlueReader.Blue b =
        blue.read(c.cluster(), c.targetVersion(), report)
            .orElseThrow(
                () ->
                    new GreenFailure(
                        "BlueNotFound",
                        "Blue cluster " + c.cluster() + " does not exist",
                        false,
                        Map.of("cluster", c.cluster())));
    List<Observed.AccessEntry> entries = eks.accessEntries(c.cluster());
    // Green's mode is API: whoever comes in through blue's aws-auth needs an access entry there.
    Observed.AwsAuth awsAuth = blue.awsAuth(b.cluster(), report);
    if (awsAuth.state() == Observed.AwsAuthState.UNREADABLE) {
      throw new GreenFailure(
          "AwsAuthUnreadable",
          "Blue's aws-auth ConfigMap could not be read ("
              + awsAuth.detail()
              + "): green would lack the identities it maps, so green is not created",
          true,
          Map.of(
              "cluster",
              b.cluster().name(),
              "authenticationMode",
              String.valueOf(b.cluster().authenticationMode())));
    }
    AwsAuthTranslation translation =
        AwsAuthTranslation.of(
            awsAuth,
            entries.stream().map(Observed.AccessEntry::principalArn).collect(Collectors.toSet()));
    return GreenPlan.mirror(
        c.upgradeId(),
        c.greenCluster(),
        c.targetVersion(),
        b.cluster(),
        b.nodegroups(),
        b.addons(),
        b.addonVersions(),
        entries,
        translation,
        b.launchTemplates());
  }

  private Observed.Cluster cluster(ProvisionGreen c, GreenPlan plan, PhaseReport report) {
    String green = c.greenCluster();
    report.step("creating cluster " + green);
    ensure(
        "cluster " + green,
        c.upgradeId(),
        () -> eks.cluster(green).map(g -> new Seen(g.status(), g.tags(), List.of())),
        () -> {
          eks.createCluster(
              plan.cluster(), GreenTags.requestToken(c.commandId(), "cluster/" + green));
          report.progress(
              "cluster-creating",
              null,
              null,
              "Creating green cluster " + green + " at " + c.targetVersion());
        },
        report,
        "cluster");
    report.step("waiting for cluster " + green);
    Observed.Cluster active = eks.awaitClusterActive(green);
    report.progress(
        "cluster-active",
        null,
        null,
        "Green cluster " + green + " is ACTIVE at " + active.version());
    return active;
  }

  private void nodegroups(ProvisionGreen c, GreenPlan plan, PhaseReport report) {
    String green = c.greenCluster();
    for (GreenPlan.NodegroupPlan ng : plan.nodegroups()) {
      report.step("creating node group " + ng.name());
      ensure(
          "node group " + ng.name(),
          c.upgradeId(),
          () ->
              eks.nodegroup(green, ng.name())
                  .map(n -> new Seen(n.status(), n.tags(), n.healthIssues())),
          () ->
              eks.createNodegroup(
                  green,
                  ng,
                  ng.launchTemplate() == null ? null : launchTemplateCopy(c, ng, report),
                  GreenTags.requestToken(c.commandId(), "nodegroup/" + green + "/" + ng.name())),
          report,
          "nodegroup");
    }
    int done = 0;
    int total = plan.nodegroups().size();
    for (GreenPlan.NodegroupPlan ng : plan.nodegroups()) {
      report.step("waiting for node group " + ng.name());
      eks.awaitNodegroupActive(green, ng.name());
      done++;
      report.progress("nodegroup-active", done, total, "Node group " + ng.name() + " is ACTIVE");
    }
  }

  /**
   * The copy of blue's launch template for green's node group: read by its name first, so a
   * redelivered command or a restart uses the one made before; one that is not this upgrade's is
   * left alone and fails the command.
   */
  private Observed.LaunchTemplateCopy launchTemplateCopy(
      ProvisionGreen c, GreenPlan.NodegroupPlan ng, PhaseReport report) {
    GreenPlan.LaunchTemplatePlan p = ng.launchTemplate();
    Optional<Observed.LaunchTemplateCopy> found = templates.named(p.name());
    if (found.isEmpty()) {
      report.step("copying launch template " + p.source().describe() + " as " + p.name());
      try {
        Observed.LaunchTemplateCopy made =
            templates.create(
                p, GreenTags.requestToken(c.commandId(), "launch-template/" + p.name()));
        report.progress(
            "launch-template-copied",
            null,
            null,
            "Copied launch template "
                + p.source().describe()
                + " as "
                + p.name()
                + " for node group "
                + ng.name()
                + " (node security groups "
                + String.join(", ", p.securityGroupIds())
                + ")");
        return made;
      } catch (Ec2Exception e) {
        if (!LaunchTemplates.nameTaken(e)) {
          throw e;
        }
        found = templates.named(p.name());
      }
    }
    Observed.LaunchTemplateCopy copy = found.orElseThrow();
    if (!LaunchTemplateCopies.isOurs(copy, c.upgradeId(), c.greenCluster())) {
      throw new GreenFailure(
          "NotCreatedByThisUpgrade",
          "launch template "
              + p.name()
              + " exists but was not made for upgrade "
              + c.upgradeId()
              + "; left untouched",
          false,
          Map.of("resource", "launch template " + p.name(), "tags", copy.tags()));
    }
    return copy;
  }

  private void addons(ProvisionGreen c, GreenPlan plan, PhaseReport report) {
    String green = c.greenCluster();
    for (GreenPlan.AddonPlan addon : plan.addons()) {
      report.step("creating add-on " + addon.name());
      ensure(
          "add-on " + addon.name(),
          c.upgradeId(),
          () -> eks.addon(green, addon.name()).map(a -> new Seen(a.status(), a.tags(), List.of())),
          () ->
              eks.createAddon(
                  green,
                  addon,
                  GreenTags.requestToken(c.commandId(), "addon/" + green + "/" + addon.name())),
          report,
          "addon");
    }
    for (GreenPlan.AddonPlan addon : plan.addons()) {
      report.step("waiting for add-on " + addon.name());
      eks.awaitAddonActive(green, addon.name());
    }
    if (!plan.addons().isEmpty()) {
      report.progress(
          "addons-active",
          plan.addons().size(),
          plan.addons().size(),
          "Add-ons ACTIVE: "
              + String.join(
                  ", ", plan.addons().stream().map(a -> a.name() + " " + a.version()).toList()));
    }
  }

  private void accessEntries(ProvisionGreen c, GreenPlan plan, PhaseReport report) {
    String green = c.greenCluster();
    for (GreenPlan.AccessEntryPlan entry : plan.accessEntries()) {
      report.step("creating access entry " + entry.principalArn());
      if (eks.accessEntry(green, entry.principalArn()).isEmpty()) {
        try {
          eks.createAccessEntry(
              green,
              entry,
              GreenTags.requestToken(
                  c.commandId(), "access-entry/" + green + "/" + entry.principalArn()));
        } catch (ResourceInUseException e) {
          LOG.debugf("access entry %s appeared meanwhile on %s", entry.principalArn(), green);
        }
      }
      // An entry grants nothing without its policies. Read green's first: a redelivered command
      // or a restart associates only what is still missing (AssociateAccessPolicy has no token).
      List<Observed.AccessPolicy> missing =
          entry.accessPolicies().isEmpty()
              ? List.of()
              : GreenPlan.toAssociate(
                  entry.accessPolicies(),
                  eks.associatedAccessPolicies(green, entry.principalArn()));
      for (Observed.AccessPolicy policy : missing) {
        report.step("associating " + policy.policyArn() + " with " + entry.principalArn());
        eks.associateAccessPolicy(green, entry.principalArn(), policy);
      }
    }
  }

  /** A resource's status and tags, as seen by describe. */
  private record Seen(String status, Map<String, String> tags, List<String> healthIssues) {}

  /**
   * Describe-before-create: creates the resource when it is absent, resumes when it is ours and on
   * its way, fails when it is ours and failed or when it is not ours.
   */
  private void ensure(
      String what,
      String upgradeId,
      Supplier<Optional<Seen>> describe,
      Runnable create,
      PhaseReport report,
      String kind) {
    Optional<Seen> seen = describe.get();
    ExistingGreen.Action action =
        ExistingGreen.decide(
            seen.map(Seen::status), seen.map(Seen::tags).orElse(Map.of()), upgradeId);
    if (action == ExistingGreen.Action.CREATE) {
      try {
        create.run();
        return;
      } catch (ResourceInUseException e) {
        // Created meanwhile by someone else's request (another token): decide on what is there.
        seen = describe.get();
        action =
            ExistingGreen.decide(
                seen.map(Seen::status), seen.map(Seen::tags).orElse(Map.of()), upgradeId);
        if (action == ExistingGreen.Action.CREATE) {
          throw e;
        }
      }
    }
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("resource", what);
    seen.ifPresent(
        s -> {
          evidence.put("status", s.status());
          evidence.put("tags", s.tags());
          if (!s.healthIssues().isEmpty()) {
            evidence.put("healthIssues", s.healthIssues());
          }
        });
    switch (action) {
      case WAIT -> {
        if ("cluster".equals(kind)) {
          report.progress(
              "cluster-resumed",
              null,
              null,
              "Green " + what + " already exists (" + seen.get().status() + "): waiting for it");
        }
      }
      case FAILED ->
          throw new GreenFailure(
              seen.get().healthIssues().isEmpty()
                  ? "ResourceFailed"
                  : seen.get().healthIssues().get(0).split(":", 2)[0],
              what + " is " + seen.get().status() + "; clean up before trying again",
              false,
              evidence);
      case DELETING ->
          throw new GreenFailure(
              "ResourceDeleting",
              what + " is being deleted; try again once it is gone",
              true,
              evidence);
      case NOT_OURS ->
          throw new GreenFailure(
              "NotCreatedByThisUpgrade",
              what + " exists but was not created for upgrade " + upgradeId + "; left untouched",
              false,
              evidence);
      default -> {}
    }
  }
}
