package dev.bluegreen.provisioner;

import dev.bluegreen.cloud.CloudErrors;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.events.Check;
import dev.bluegreen.contracts.events.CleanUpGreen;
import dev.bluegreen.contracts.events.GreenCleanedUp;
import dev.bluegreen.contracts.events.GreenClusterReady;
import dev.bluegreen.contracts.events.Phase;
import dev.bluegreen.contracts.events.PreflightCompleted;
import dev.bluegreen.contracts.events.ProvisionGreen;
import dev.bluegreen.contracts.events.RunPreflight;
import dev.bluegreen.messaging.CommandHandler;
import dev.bluegreen.messaging.Facts;
import dev.bluegreen.messaging.PhaseFailure;
import dev.bluegreen.messaging.PhaseReport;
import dev.bluegreen.provisioner.cloud.BlueAwsAuth;
import dev.bluegreen.provisioner.cloud.EksClusters;
import dev.bluegreen.provisioner.cloud.GreenFailure;
import dev.bluegreen.provisioner.cloud.GreenTargetGroups;
import dev.bluegreen.provisioner.cloud.SubnetFreeIpsReader;
import dev.bluegreen.provisioner.config.ProvisionerConfig;
import dev.bluegreen.provisioner.core.AwsAuthTranslation;
import dev.bluegreen.provisioner.core.CleanupPlan;
import dev.bluegreen.provisioner.core.ExistingGreen;
import dev.bluegreen.provisioner.core.GreenPlan;
import dev.bluegreen.provisioner.core.GreenTags;
import dev.bluegreen.provisioner.core.Observed;
import dev.bluegreen.provisioner.core.Preflight;
import dev.bluegreen.provisioner.core.PreflightInput;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;

/**
 * The provisioner: pre-flight checks, green's creation and green's clean-up. Glue between the pure
 * core (checks, plans, decisions) and the EKS adapter; every outcome is a fact.
 */
@ApplicationScoped
public class ProvisionerHandler implements CommandHandler {

  private static final Logger LOG = Logger.getLogger(ProvisionerHandler.class);

  private final EksClusters eks;
  private final SubnetFreeIpsReader subnets;
  private final GreenTargetGroups targetGroups;
  private final BlueAwsAuth awsAuth;
  private final ProvisionerConfig settings;

  /** The handler over its cloud adapters (CDI, or a second instance in a restart test). */
  public ProvisionerHandler(
      EksClusters eks,
      SubnetFreeIpsReader subnets,
      GreenTargetGroups targetGroups,
      BlueAwsAuth awsAuth,
      ProvisionerConfig settings) {
    this.eks = eks;
    this.subnets = subnets;
    this.targetGroups = targetGroups;
    this.awsAuth = awsAuth;
    this.settings = settings;
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
        preflight(c, report);
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

  // ------------------------------------------------------------------ pre-flight

  private void preflight(RunPreflight c, PhaseReport report) {
    report.step("describing blue " + c.cluster());
    Optional<Observed.Cluster> blue = eks.cluster(c.cluster());
    if (blue.isEmpty()) {
      List<Check> checks = List.of(Preflight.blueMissing(c.cluster()));
      report
          .facts()
          .publish(
              new PreflightCompleted(
                  c.commandId(), c.upgradeId(), c.cluster(), c.greenCluster(), false, checks));
      return;
    }
    report.step("reading blue's node groups, add-ons and insights");
    List<Observed.Nodegroup> nodegroups = eks.nodegroups(c.cluster());
    List<Observed.Addon> addons = eks.addons(c.cluster());
    var addonVersions =
        eks.addonVersions(addons.stream().map(Observed.Addon::name).toList(), c.targetVersion());
    var insights = eks.upgradeInsights(c.cluster());
    report.step("reading versions, subnets and limits");
    var support = eks.versionSupport(c.targetVersion());
    Set<String> greenSubnets = new LinkedHashSet<>();
    nodegroups.forEach(
        ng -> greenSubnets.addAll(ng.subnets().isEmpty() ? blue.get().subnetIds() : ng.subnets()));
    var freeIps = subnets.read(greenSubnets);
    var limits =
        new Observed.AccountLimits(
            eks.clusterCount(),
            settings.quotas().clustersPerRegion(),
            settings.quotas().nodegroupsPerCluster(),
            "configuration (bluegreen.provisioner.quotas.*)");
    Optional<Observed.Cluster> green = eks.cluster(c.greenCluster());
    report.step("reading blue's aws-auth ConfigMap");
    Observed.AwsAuth blueAwsAuth = awsAuth.read(blue.get());
    AwsAuthTranslation translation =
        AwsAuthTranslation.of(
            blueAwsAuth,
            blueAwsAuth.state() == Observed.AwsAuthState.READ
                ? eks.accessEntryPrincipals(c.cluster())
                : Set.of());
    List<Check> checks =
        Preflight.run(
            new PreflightInput(
                c.upgradeId(),
                c.targetVersion(),
                blue.get(),
                nodegroups,
                addons,
                addonVersions,
                support,
                insights,
                freeIps,
                limits,
                green,
                settings.ipsPerNode(),
                translation));
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

  // ------------------------------------------------------------------ provisioning

  private void provision(ProvisionGreen c, PhaseReport report) {
    String green = c.greenCluster();
    report.step("describing blue " + c.cluster());
    Observed.Cluster blue =
        eks.cluster(c.cluster())
            .orElseThrow(
                () ->
                    new GreenFailure(
                        "BlueNotFound",
                        "Blue cluster " + c.cluster() + " does not exist",
                        false,
                        Map.of("cluster", c.cluster())));
    List<Observed.Nodegroup> blueNodegroups = eks.nodegroups(blue.name());
    List<Observed.Addon> blueAddons = eks.addons(blue.name());
    List<Observed.AccessEntry> blueEntries = eks.accessEntries(blue.name());
    // Green's mode is API: whoever comes in through blue's aws-auth needs an access entry there.
    report.step("reading blue's aws-auth ConfigMap");
    Observed.AwsAuth blueAwsAuth = awsAuth.read(blue);
    if (blueAwsAuth.state() == Observed.AwsAuthState.UNREADABLE) {
      throw new GreenFailure(
          "AwsAuthUnreadable",
          "Blue's aws-auth ConfigMap could not be read ("
              + blueAwsAuth.detail()
              + "): green would lack the identities it maps, so green is not created",
          true,
          Map.of(
              "cluster",
              blue.name(),
              "authenticationMode",
              String.valueOf(blue.authenticationMode())));
    }
    AwsAuthTranslation translation =
        AwsAuthTranslation.of(
            blueAwsAuth,
            blueEntries.stream()
                .map(Observed.AccessEntry::principalArn)
                .collect(java.util.stream.Collectors.toSet()));
    GreenPlan plan =
        GreenPlan.mirror(
            c.upgradeId(),
            green,
            c.targetVersion(),
            blue,
            blueNodegroups,
            blueAddons,
            eks.addonVersions(
                blueAddons.stream().map(Observed.Addon::name).toList(), c.targetVersion()),
            blueEntries,
            translation);

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

    int total = plan.nodegroups().size();
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
                  GreenTags.requestToken(c.commandId(), "nodegroup/" + green + "/" + ng.name())),
          report,
          "nodegroup");
    }
    int done = 0;
    for (GreenPlan.NodegroupPlan ng : plan.nodegroups()) {
      report.step("waiting for node group " + ng.name());
      eks.awaitNodegroupActive(green, ng.name());
      done++;
      report.progress("nodegroup-active", done, total, "Node group " + ng.name() + " is ACTIVE");
    }

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

  // ------------------------------------------------------------------ clean-up

  private void cleanUp(CleanUpGreen c, PhaseReport report) {
    String green = c.greenCluster();
    // The target group goes first: if a rule still sends green traffic this stops before anything
    // of green is deleted.
    report.step("deleting target group " + targetGroups.nameOf(green));
    List<String> deleted = new ArrayList<>();
    targetGroups.delete(green, c.upgradeId()).ifPresent(deleted::add);
    report.step("describing green " + green);
    Optional<Observed.Cluster> cluster = eks.cluster(green);
    boolean ours = cluster.isPresent() && GreenTags.isOurs(cluster.get().tags(), c.upgradeId());
    if (ours && isMoving(cluster.get().status())) {
      report.step("waiting for cluster " + green + " to settle before deleting it");
      settle(() -> eks.awaitClusterActive(green));
    }
    if (ours && "DELETING".equals(cluster.get().status())) {
      // An earlier clean-up got as far as deleting the cluster (then died or timed out): resume.
      report.step("waiting for cluster " + green + " to be deleted");
      report.progress(
          "cleanup-resumed", null, null, "Green cluster " + green + " is already being deleted");
      eks.awaitClusterDeleted(green);
      report.progress("cluster-deleted", null, null, "Green cluster " + green + " deleted");
      deleted.add("cluster/" + green);
      report
          .facts()
          .publish(new GreenCleanedUp(c.commandId(), c.upgradeId(), c.cluster(), green, deleted));
      return;
    }
    List<Observed.Nodegroup> nodegroups = ours ? eks.nodegroups(green) : List.of();
    List<Observed.Addon> addons = ours ? eks.addons(green) : List.of();
    CleanupPlan plan = CleanupPlan.of(c.upgradeId(), cluster, nodegroups, addons);
    if (plan.leftAlone().isPresent()) {
      report.progress(
          "left-alone",
          null,
          null,
          "A cluster named "
              + green
              + " exists but was not created for this upgrade: left untouched");
    }
    if (plan.nothingToDelete()) {
      report
          .facts()
          .publish(new GreenCleanedUp(c.commandId(), c.upgradeId(), c.cluster(), green, deleted));
      return;
    }

    for (Observed.Nodegroup ng : nodegroups) {
      if (plan.nodegroups().contains(ng.name())
          && isMoving(ng.status())
          && !"DELETING".equals(ng.status())) {
        report.step("waiting for node group " + ng.name() + " to settle before deleting it");
        settle(() -> eks.awaitNodegroupActive(green, ng.name()));
      }
    }
    for (Observed.Nodegroup ng : nodegroups) {
      if (plan.nodegroups().contains(ng.name()) && !"DELETING".equals(ng.status())) {
        report.step("deleting node group " + ng.name());
        eks.deleteNodegroup(green, ng.name());
      }
    }
    int done = 0;
    for (String ng : plan.nodegroups()) {
      report.step("waiting for node group " + ng + " to be deleted");
      eks.awaitNodegroupDeleted(green, ng);
      deleted.add("nodegroup/" + ng);
      done++;
      report.progress(
          "nodegroup-deleted", done, plan.nodegroups().size(), "Node group " + ng + " deleted");
    }
    if (!plan.foreignNodegroups().isEmpty()) {
      throw new GreenFailure(
          "ForeignNodegroups",
          "Green has node groups this upgrade did not create ("
              + String.join(", ", plan.foreignNodegroups())
              + "): the cluster is left for a person",
          false,
          Map.of("nodegroups", plan.foreignNodegroups(), "deleted", List.copyOf(deleted)));
    }
    for (String addon : plan.addons()) {
      report.step("deleting add-on " + addon);
      eks.deleteAddon(green, addon);
    }
    for (String addon : plan.addons()) {
      eks.awaitAddonDeleted(green, addon);
      deleted.add("addon/" + addon);
    }
    report.step("deleting cluster " + green);
    eks.deleteCluster(green);
    eks.awaitClusterDeleted(green);
    deleted.add("cluster/" + green);
    report.progress("cluster-deleted", null, null, "Green cluster " + green + " deleted");
    report
        .facts()
        .publish(new GreenCleanedUp(c.commandId(), c.upgradeId(), c.cluster(), green, deleted));
  }

  private static boolean isMoving(String status) {
    return "CREATING".equals(status) || "UPDATING".equals(status) || "PENDING".equals(status);
  }

  /** Waits for a resource to leave CREATING/UPDATING; a failed one is still deletable. */
  private static void settle(Runnable await) {
    try {
      await.run();
    } catch (GreenFailure e) {
      if (e.retryable()) {
        throw e;
      }
    }
  }
}
