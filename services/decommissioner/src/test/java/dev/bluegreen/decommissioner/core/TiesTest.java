package dev.bluegreen.decommissioner.core;

import static dev.bluegreen.decommissioner.core.Sample.BLUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TiesTest {

  @Test
  void typicalBlueEstate_isTied() {
    assertEquals(List.of(), Ties.violations(BLUE, Sample.fullEstate()));
  }

  @Test
  void nodegroupOfAnotherCluster_breaksTheTie_andStopsWithEvidence() {
    Observed.Nodegroup foreign =
        new Observed.Nodegroup(
            "ng-a",
            Sample.ACCOUNT + "nodegroup/other/ng-a/abcd",
            "other",
            "ACTIVE",
            1,
            1,
            Map.of(),
            List.of());

    Failure f =
        Ties.check(BLUE, estate(List.of(foreign), Optional.of(Sample.blueTg()))).orElseThrow();

    assertEquals(Ties.CODE, f.errorCode());
    assertFalse(f.retryable());
    assertEquals(2, ((List<?>) f.evidence().get("violations")).size());
  }

  @Test
  void targetGroupWithoutTheClusterTag_isNotTied() {
    Observed.TargetGroup untagged =
        new Observed.TargetGroup(Sample.BLUE_TG, "tg-blue", Map.of(), List.of());

    List<String> v = Ties.violations(BLUE, estate(List.of(), Optional.of(untagged)));

    assertEquals(1, v.size());
    assertTrue(v.get(0).contains("lacks the tag bluegreen.dev/cluster=blue"), v.get(0));
  }

  @Test
  void targetGroupTaggedForGreen_isNotTied() {
    Observed.TargetGroup green =
        new Observed.TargetGroup(
            Sample.BLUE_TG, "tg-blue", Map.of("bluegreen.dev/cluster", "green"), List.of());

    assertFalse(Ties.violations(BLUE, estate(List.of(), Optional.of(green))).isEmpty());
  }

  @Test
  void clusterCreatedByThisUpgrade_orProtected_isNotTied() {
    Observed.Cluster mine =
        new Observed.Cluster(
            "blue",
            Sample.ACCOUNT + "cluster/blue",
            "ACTIVE",
            Map.of("bluegreen.dev/upgrade-id", "up-1"));
    Observed.Cluster prot =
        new Observed.Cluster(
            "blue",
            Sample.ACCOUNT + "cluster/blue",
            "ACTIVE",
            Map.of("bluegreen.dev/protected", "yes"));

    assertEquals(1, Ties.cluster(BLUE, mine).size());
    assertEquals(1, Ties.cluster(BLUE, prot).size());
  }

  @Test
  void blueThatWasAnEarlierUpgradesGreen_isTied() {
    Observed.Cluster earlierGreen =
        new Observed.Cluster(
            "blue",
            Sample.ACCOUNT + "cluster/blue",
            "ACTIVE",
            Map.of("bluegreen.dev/upgrade-id", "up-0", "bluegreen.dev/role", "green"));

    assertEquals(List.of(), Ties.cluster(BLUE, earlierGreen));
  }

  @Test
  void clusterArnOfAnotherName_isNotTied() {
    Observed.Cluster c =
        new Observed.Cluster("blue", Sample.ACCOUNT + "cluster/blue-2", "ACTIVE", Map.of());

    assertEquals(1, Ties.cluster(BLUE, c).size());
  }

  @Test
  void argoSecretRegisteringAnotherCluster_isNotTied() {
    Observed.ArgoClusterSecret s =
        new Observed.ArgoClusterSecret("argocd", "cluster-blue", "green", "https://x", Map.of());

    assertEquals(1, Ties.argoSecret(BLUE, s).size());
  }

  @Test
  void launchTemplate_isTiedOnlyWhenThePlatformCopiedItForBlue_inAnEarlierUpgrade() {
    Observed.LaunchTemplate earlierCopy =
        new Observed.LaunchTemplate(
            "lt-1",
            "bluegreen-blue-apps",
            Map.of(
                "bluegreen.dev/cluster", "blue",
                "bluegreen.dev/role", "green",
                "bluegreen.dev/upgrade-id", "up-0"));
    assertEquals(List.of(), Ties.launchTemplate(Sample.BLUE, earlierCopy));
    Observed.LaunchTemplate teams =
        new Observed.LaunchTemplate("lt-2", "apps", Map.of("bluegreen.dev/cluster", "blue"));
    assertEquals(1, Ties.launchTemplate(Sample.BLUE, teams).size());
    Observed.LaunchTemplate thisUpgrades =
        new Observed.LaunchTemplate(
            "lt-3",
            "bluegreen-blue-apps",
            Map.of(
                "bluegreen.dev/cluster", "blue",
                "bluegreen.dev/role", "green",
                "bluegreen.dev/upgrade-id", "up-1"));
    assertEquals(1, Ties.launchTemplate(Sample.BLUE, thisUpgrades).size());
  }

  @Test
  void blueEqualToGreen_isNeverTied() {
    Blue same = new Blue("up-1", "blue", "blue", Conventions.defaults());

    assertFalse(Ties.violations(same, Sample.fullEstate()).isEmpty());
  }

  private static BlueEstate estate(
      List<Observed.Nodegroup> nodegroups, Optional<Observed.TargetGroup> tg) {
    return BlueEstate.builder()
        .cluster(Optional.of(Sample.cluster("blue", "ACTIVE")))
        .nodegroups(nodegroups)
        .targetGroup(tg)
        .build();
  }
}
