package dev.bluegreen.provisioner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GreenPlanTest {

  private static GreenPlan plan(String target) {
    return GreenPlan.mirror(
        Fixtures.UPGRADE,
        "payments-green",
        target,
        Fixtures.blue("ACTIVE"),
        List.of(Fixtures.nodegroup("general", "ACTIVE", 2, 6, 3)),
        List.of(Fixtures.addon("vpc-cni", "v1.18.0-eksbuild.1")),
        Map.of("vpc-cni", Fixtures.versions("vpc-cni", "v1.19.2-eksbuild.1", "v1.19.0-eksbuild.1")),
        List.of(
            new Observed.AccessEntry(
                "arn:aws:iam::1:role/admin",
                List.of("admins"),
                "admin",
                "STANDARD",
                Map.of(),
                List.of(ADMIN, EDIT_IN_PAYMENTS)),
            new Observed.AccessEntry(
                "arn:aws:iam::1:role/node", List.of(), null, "EC2_LINUX", Map.of(), List.of())),
        Fixtures.noAwsAuth(),
        Map.of());
  }

  private static final String POLICY = "arn:aws:eks::aws:cluster-access-policy/";
  private static final Observed.AccessPolicy ADMIN =
      new Observed.AccessPolicy(POLICY + "AmazonEKSClusterAdminPolicy", "cluster", List.of());
  private static final Observed.AccessPolicy EDIT_IN_PAYMENTS =
      new Observed.AccessPolicy(
          POLICY + "AmazonEKSEditPolicy", "namespace", List.of("payments", "payments-jobs"));

  @Test
  void cluster_mirrorsBlue_atTheTargetVersion_withUpgradeTags() {
    GreenPlan.ClusterPlan c = plan("1.31").cluster();
    var blue = Fixtures.blue("ACTIVE");
    assertEquals("payments-green", c.name());
    assertEquals("1.31", c.version());
    assertEquals(blue.subnetIds(), c.subnetIds());
    assertEquals(blue.securityGroupIds(), c.securityGroupIds());
    assertEquals(blue.enabledLogTypes(), c.enabledLogTypes());
    assertEquals(blue.encryption(), c.encryption());
    assertEquals(blue.publicAccessCidrs(), c.publicAccessCidrs());
    assertTrue(c.endpointPrivateAccess());
    assertEquals("API", c.authenticationMode());
    assertEquals(
        Map.of(
            "team",
            "payments",
            GreenTags.UPGRADE_ID,
            Fixtures.UPGRADE,
            GreenTags.ROLE,
            "green",
            GreenTags.BLUE_CLUSTER,
            "payments",
            "bluegreen.dev/logical-cluster",
            "payments",
            "bluegreen.dev/generation",
            "2"),
        c.tags());
  }

  @Test
  void nodegroups_mirrorBlue_sizesLabelsTaintsTypes() {
    GreenPlan.NodegroupPlan ng = plan("1.31").nodegroups().get(0);
    assertEquals("general", ng.name());
    assertEquals(List.of("m5.large"), ng.instanceTypes());
    assertEquals(List.of(2, 6, 3), List.of(ng.minSize(), ng.maxSize(), ng.desiredSize()));
    assertEquals(Map.of("workload", "general"), ng.labels());
    assertEquals(List.of(new Observed.Taint("dedicated", "general", "NO_SCHEDULE")), ng.taints());
    assertEquals("AL2_x86_64", ng.amiType());
    assertTrue(GreenTags.isOurs(ng.tags(), Fixtures.UPGRADE));
  }

  @Test
  void nodegroups_moveToAl2023_whereTheTargetHasNoAl2() {
    assertEquals("AL2023_x86_64_STANDARD", plan("1.33").nodegroups().get(0).amiType());
  }

  @Test
  void addons_getTheDefaultVersionForTheTarget() {
    assertEquals("v1.19.0-eksbuild.1", plan("1.31").addons().get(0).version());
  }

  @Test
  void addonWithoutCompatibleVersion_refusesThePlan() {
    var e =
        assertThrows(
            GreenPlan.Refused.class,
            () ->
                GreenPlan.mirror(
                    Fixtures.UPGRADE,
                    "g",
                    "1.31",
                    Fixtures.blue("ACTIVE"),
                    List.of(),
                    List.of(Fixtures.addon("coredns", "v1")),
                    Map.of(),
                    List.of(),
                    Fixtures.noAwsAuth(),
                    Map.of()));
    assertEquals("AddonIncompatible", e.code());
  }

  @Test
  void accessEntries_skipTheOnesEksCreatesForNodes() {
    var entries = plan("1.31").accessEntries();
    assertEquals(1, entries.size());
    assertEquals("arn:aws:iam::1:role/admin", entries.get(0).principalArn());
  }

  @Test
  void nodegroups_keepBluesUpdateConfig() {
    assertEquals(
        new Observed.UpdateConfig(null, 25, null), plan("1.31").nodegroups().get(0).updateConfig());
  }

  @Test
  void accessEntries_carryBluesAccessPoliciesWithTheirScopes() {
    assertEquals(
        List.of(ADMIN, EDIT_IN_PAYMENTS), plan("1.31").accessEntries().get(0).accessPolicies());
  }

  @Test
  void toAssociate_onAFreshGreenEntry_isEveryPolicyOfBlue() {
    assertEquals(
        List.of(ADMIN, EDIT_IN_PAYMENTS),
        GreenPlan.toAssociate(List.of(ADMIN, EDIT_IN_PAYMENTS), List.of()));
  }

  @Test
  void toAssociate_skipsWhatGreenHasWithTheSameScope_namespacesInAnyOrder() {
    var sameScopeOtherOrder =
        new Observed.AccessPolicy(
            EDIT_IN_PAYMENTS.policyArn(), "namespace", List.of("payments-jobs", "payments"));
    assertEquals(
        List.of(),
        GreenPlan.toAssociate(
            List.of(ADMIN, EDIT_IN_PAYMENTS), List.of(sameScopeOtherOrder, ADMIN)));
  }

  @Test
  void toAssociate_rescopesAPolicyGreenHasWithAnotherScope_andLeavesGreensOwnAlone() {
    var narrower =
        new Observed.AccessPolicy(EDIT_IN_PAYMENTS.policyArn(), "namespace", List.of("payments"));
    var greensOwn = new Observed.AccessPolicy(POLICY + "AmazonEKSViewPolicy", "cluster", List.of());
    assertEquals(
        List.of(EDIT_IN_PAYMENTS),
        GreenPlan.toAssociate(
            List.of(ADMIN, EDIT_IN_PAYMENTS), List.of(ADMIN, narrower, greensOwn)));
  }

  @Test
  void requestToken_isStablePerCommandAndResource() {
    assertEquals(
        GreenTags.requestToken("c1", "cluster/g"), GreenTags.requestToken("c1", "cluster/g"));
    assertNotEquals(
        GreenTags.requestToken("c1", "cluster/g"), GreenTags.requestToken("c2", "cluster/g"));
    assertTrue(GreenTags.requestToken("c1", "x").length() <= 64);
    assertFalse(
        GreenTags.isOurs(Map.of(GreenTags.UPGRADE_ID, "other", GreenTags.ROLE, "green"), "up-1"));
  }
}
