package dev.bluegreen.decommissioner.core;

import static dev.bluegreen.decommissioner.core.Sample.BLUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.naming.SharedRules;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanTest {
  private static final Set<String> ALL = Set.of(Plan.ALL_ADDONS);

  @Test
  void fullEstate_startsByScalingTheFirstNodegroupToZero() {
    assertEquals(
        Step.Act.of(Stage.SCALE_DOWN_NODEGROUPS, Step.Action.SCALE_NODEGROUP_TO_ZERO, "ng-a"),
        Plan.next(BLUE, Sample.fullEstate(), ALL));
  }

  @Test
  void oneNodegroupUpdating_theOtherStillScaled_scalesTheOtherBeforeWaiting() {
    BlueEstate estate =
        withNodegroups(
            List.of(
                Sample.nodegroup("ng-a", "UPDATING", 0), Sample.nodegroup("ng-b", "ACTIVE", 2)));

    assertEquals(
        Step.Act.of(Stage.SCALE_DOWN_NODEGROUPS, Step.Action.SCALE_NODEGROUP_TO_ZERO, "ng-b"),
        Plan.next(BLUE, estate, ALL));
  }

  @Test
  void nodegroupsScalingDown_waits() {
    BlueEstate estate = withNodegroups(List.of(Sample.nodegroup("ng-a", "UPDATING", 0)));

    assertInstanceOf(Step.Await.class, Plan.next(BLUE, estate, ALL));
  }

  @Test
  void nodegroupsAtZero_areDeleted_andDeleteFailedOnesAgain() {
    BlueEstate scaled = withNodegroups(List.of(Sample.nodegroup("ng-a", "ACTIVE", 0)));
    BlueEstate failed = withNodegroups(List.of(Sample.nodegroup("ng-a", "DELETE_FAILED", 0)));

    Step.Act delete = Step.Act.of(Stage.DELETE_NODEGROUPS, Step.Action.DELETE_NODEGROUP, "ng-a");
    assertEquals(delete, Plan.next(BLUE, scaled, ALL));
    assertEquals(delete, Plan.next(BLUE, failed, ALL));
  }

  @Test
  void nodegroupsDeleting_waitsWithoutDeletingAgain() {
    BlueEstate estate = withNodegroups(List.of(Sample.nodegroup("ng-a", "DELETING", 0)));

    Step next = Plan.next(BLUE, estate, ALL);

    assertEquals(Stage.DELETE_NODEGROUPS, ((Step.Await) next).stage());
  }

  @Test
  void nodegroupsGone_deletesSelectedAddonsThenTheCluster() {
    BlueEstate withAddon = withNodegroups(List.of());
    assertEquals(
        Step.Act.of(Stage.DELETE_ADDONS, Step.Action.DELETE_ADDON, "vpc-cni"),
        Plan.next(BLUE, withAddon, ALL));

    assertEquals(
        Step.Act.of(Stage.DELETE_CLUSTER, Step.Action.DELETE_CLUSTER, "blue"),
        Plan.next(BLUE, withAddon, Set.of("aws-ebs-csi-driver")));
  }

  @Test
  void addonsGone_revokesBluesMirroredSharedRules_beforeDeletingTheCluster_andListsThem() {
    SharedRules.IngressRule mirrored =
        new SharedRules.IngressRule(
            "sgr-1", "sg-db", "tcp", 5432, 5432, "sg-blue", Map.of(), Map.of());
    BlueEstate e = Sample.fullEstate();
    BlueEstate withRule =
        e.toBuilder()
            .nodegroups(List.of())
            .addons(List.of())
            .sharedRules(List.of(mirrored))
            .build();

    assertEquals(
        Step.Act.of(Stage.REVOKE_SHARED_RULES, Step.Action.REVOKE_SHARED_RULE, "sg-db/sgr-1"),
        Plan.next(BLUE, withRule, ALL));
    assertEquals(true, Plan.inventory(withRule, ALL).contains("security-group-rule:sg-db/sgr-1"));
    assertEquals(
        Step.Act.of(Stage.DELETE_CLUSTER, Step.Action.DELETE_CLUSTER, "blue"),
        Plan.next(BLUE, withCluster("ACTIVE", List.of()), ALL));
  }

  @Test
  void clusterDeleting_waits() {
    BlueEstate e = Sample.fullEstate();
    BlueEstate deleting =
        e.toBuilder()
            .cluster(Optional.of(Sample.cluster("blue", "DELETING")))
            .nodegroups(List.of())
            .addons(List.of())
            .build();

    assertEquals(Stage.DELETE_CLUSTER, ((Step.Await) Plan.next(BLUE, deleting, ALL)).stage());
  }

  @Test
  void clusterGone_takesBlueOutOfTheRule_keepingGreenAtItsWeight() {
    BlueEstate e = clusterGone(List.of(Sample.rule(0, 100)));

    assertEquals(
        new Step.Act(
            Stage.DETACH_TARGET_GROUP,
            Step.Action.DETACH_TARGET_GROUP,
            Sample.RULE,
            Map.of(Sample.GREEN_TG, 100)),
        Plan.next(BLUE, e, ALL));
  }

  @Test
  void ruleStillSendingBlueWeight_blocks_evenIfTheGuardsWereSkipped() {
    BlueEstate e = clusterGone(List.of(Sample.rule(1, 99)));

    Step.Blocked blocked = assertInstanceOf(Step.Blocked.class, Plan.next(BLUE, e, ALL));
    assertEquals(1, blocked.failure().evidence().get("blueWeight"));
  }

  @Test
  void detachedTargetGroup_isDeleted_thenArgoCdSecret_thenDone() {
    BlueEstate tgOnly = clusterGone(List.of());
    assertEquals(
        Step.Act.of(Stage.DELETE_TARGET_GROUP, Step.Action.DELETE_TARGET_GROUP, Sample.BLUE_TG),
        Plan.next(BLUE, tgOnly, ALL));

    BlueEstate secretOnly =
        BlueEstate.builder().argoSecret(Optional.of(Sample.argoSecret())).build();
    assertEquals(
        Step.Act.of(
            Stage.DEREGISTER_ARGOCD, Step.Action.DELETE_ARGOCD_SECRET, "argocd/cluster-blue"),
        Plan.next(BLUE, secretOnly, ALL));

    BlueEstate nothing = BlueEstate.builder().build();
    assertInstanceOf(Step.Done.class, Plan.next(BLUE, nothing, ALL));
  }

  @Test
  void clusterGone_deletesTheLaunchTemplatesCopiedForBlue_beforeItsTargetGroup_andListsThem() {
    BlueEstate e = clusterGone(List.of());
    Observed.LaunchTemplate copy =
        new Observed.LaunchTemplate(
            "lt-0abc",
            "bluegreen-blue-apps",
            Map.of("bluegreen.dev/cluster", "blue", "bluegreen.dev/role", "green"));
    BlueEstate withCopy = e.toBuilder().launchTemplates(List.of(copy)).build();

    assertEquals(
        Step.Act.of(Stage.DELETE_LAUNCH_TEMPLATES, Step.Action.DELETE_LAUNCH_TEMPLATE, "lt-0abc"),
        Plan.next(BLUE, withCopy, ALL));
    assertTrue(Plan.inventory(withCopy, ALL).contains("launch-template:lt-0abc"));
    // While the cluster exists (its node groups may still use it), the template waits.
    BlueEstate full = Sample.fullEstate();
    BlueEstate fullWithCopy = full.toBuilder().launchTemplates(List.of(copy)).build();
    assertEquals(Plan.next(BLUE, full, ALL), Plan.next(BLUE, fullWithCopy, ALL));
  }

  @Test
  void inventory_listsEverythingTiedToBlue_inDeletionOrder() {
    assertEquals(
        List.of(
            "nodegroup:" + Sample.ACCOUNT + "nodegroup/blue/ng-a/abcd",
            "nodegroup:" + Sample.ACCOUNT + "nodegroup/blue/ng-b/abcd",
            "addon:" + Sample.ACCOUNT + "addon/blue/vpc-cni/abcd",
            "cluster:" + Sample.ACCOUNT + "cluster/blue",
            "rule-target:" + Sample.RULE + "#" + Sample.BLUE_TG,
            "targetgroup:" + Sample.BLUE_TG,
            "argocd-secret:argocd/cluster-blue"),
        Plan.inventory(Sample.fullEstate(), ALL));
  }

  @Test
  void scopeFor_readsEverythingOnceTheClusterIsGone_theClusterAloneWhileItIsDeleting() {
    assertEquals(EstateScope.ALL, Plan.scopeFor(Optional.empty()));
    assertEquals(
        EstateScope.CLUSTER, Plan.scopeFor(Optional.of(Sample.cluster("blue", "DELETING"))));
    for (String status : List.of("ACTIVE", "UPDATING", "CREATING", "PENDING", "FAILED")) {
      assertEquals(
          EstateScope.EKS, Plan.scopeFor(Optional.of(Sample.cluster("blue", status))), status);
    }
  }

  /** What the service leaves unread (see {@link Plan#scopeFor}) must not change the next step. */
  @Test
  void whileTheClusterExists_theNextStep_isTheSameWithoutWhatTheScopeLeavesOut() {
    List<BlueEstate> estates =
        List.of(
            Sample.fullEstate(),
            withNodegroups(List.of(Sample.nodegroup("ng-a", "UPDATING", 0))),
            withNodegroups(List.of(Sample.nodegroup("ng-a", "ACTIVE", 0))),
            withNodegroups(List.of(Sample.nodegroup("ng-a", "DELETING", 0))),
            withNodegroups(List.of()),
            withNodegroups(List.of(Sample.nodegroup("ng-a", "DELETE_FAILED", 0))),
            withCluster("ACTIVE", List.of()),
            withCluster("UPDATING", List.of()),
            withCluster("DELETING", List.of()),
            withCluster("DELETING", List.of(Sample.addon("coredns", "ACTIVE"))));
    for (BlueEstate full : estates) {
      EstateScope scope = Plan.scopeFor(full.cluster());
      boolean eks = scope == EstateScope.EKS;
      BlueEstate read =
          BlueEstate.builder()
              .cluster(full.cluster())
              .nodegroups(eks ? full.nodegroups() : List.of())
              .addons(eks && Plan.needsAddons(full.nodegroups()) ? full.addons() : List.of())
              .build();

      assertEquals(Plan.next(BLUE, full, ALL), Plan.next(BLUE, read, ALL), full.toString());
    }
  }

  private static BlueEstate withCluster(String status, List<Observed.Addon> addons) {
    return Sample.fullEstate().toBuilder()
        .cluster(Optional.of(Sample.cluster("blue", status)))
        .nodegroups(List.of())
        .addons(addons)
        .build();
  }

  private static BlueEstate withNodegroups(List<Observed.Nodegroup> nodegroups) {
    return Sample.fullEstate().toBuilder().nodegroups(nodegroups).build();
  }

  private static BlueEstate clusterGone(List<Observed.Rule> rules) {
    return BlueEstate.builder()
        .targetGroup(Optional.of(Sample.blueTg()))
        .rulesReferencingBlue(rules)
        .argoSecret(Optional.of(Sample.argoSecret()))
        .build();
  }
}
