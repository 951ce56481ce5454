package dev.bluegreen.provisioner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.events.Check;
import dev.bluegreen.contracts.events.CheckResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchTemplateCopiesTest {

  private static final Observed.LaunchTemplateRef REF =
      new Observed.LaunchTemplateRef("lt-0123", "payments-nodes", "3");

  private static Observed.Nodegroup onTemplate(String amiType) {
    Observed.Nodegroup ng = Fixtures.nodegroup("general", "ACTIVE", 2, 6, 3);
    return new Observed.Nodegroup(
        ng.name(),
        ng.status(),
        List.of(),
        ng.minSize(),
        ng.maxSize(),
        ng.desiredSize(),
        ng.labels(),
        ng.taints(),
        ng.subnets(),
        ng.nodeRole(),
        amiType,
        ng.capacityType(),
        null,
        ng.tags(),
        ng.healthIssues(),
        ng.updateConfig(),
        REF);
  }

  private static Observed.LaunchTemplateVersion template(
      String imageId, String userData, List<String> notCopied) {
    return new Observed.LaunchTemplateVersion(
        REF,
        Map.of("team", "payments", "bluegreen.dev/role", "green"),
        imageId,
        "m6i.large",
        List.of("sg-nodes"),
        userData,
        null,
        notCopied);
  }

  private static GreenPlan plan(Observed.Nodegroup ng, Observed.LaunchTemplateVersion t) {
    return GreenPlan.mirror(
        Fixtures.UPGRADE,
        "payments-green",
        "1.31",
        Fixtures.blue("ACTIVE"),
        List.of(ng),
        List.of(),
        Map.of(),
        List.of(),
        Fixtures.noAwsAuth(),
        t == null ? Map.of() : Map.of(ng.name(), t));
  }

  @Test
  void nodegroupOnATemplate_getsACopyNamedForGreen_withBluesNodeGroups_taggedAsGreens() {
    GreenPlan.NodegroupPlan ng =
        plan(onTemplate("AL2023_x86_64_STANDARD"), template(null, null, List.of()))
            .nodegroups()
            .get(0);
    GreenPlan.LaunchTemplatePlan copy = ng.launchTemplate();
    assertEquals("bluegreen-payments-green-general", copy.name());
    assertEquals(List.of("sg-nodes"), copy.securityGroupIds());
    assertEquals("m6i.large", copy.instanceType());
    assertEquals(REF, copy.source());
    assertEquals(Fixtures.UPGRADE, copy.tags().get(GreenTags.UPGRADE_ID));
    assertEquals("payments-green", copy.tags().get("bluegreen.dev/cluster"));
    assertEquals("green", copy.tags().get(GreenTags.ROLE));
    assertEquals("lt-0123:3", copy.tags().get(LaunchTemplateCopies.COPY_OF));
    assertEquals("payments", copy.tags().get("team"));
    assertNull(ng.diskSize(), "EKS takes the disk from the template");
  }

  @Test
  void nodegroupWithoutATemplate_getsNone() {
    GreenPlan.NodegroupPlan ng =
        plan(Fixtures.nodegroup("general", "ACTIVE", 2, 6, 3), null).nodegroups().get(0);
    assertNull(ng.launchTemplate());
  }

  @Test
  void customAmi_isRefusedByThePlan_andFailsPreflight_namingTheTemplateAndWhatToDo() {
    Observed.Nodegroup ng = onTemplate("AL2023_x86_64_STANDARD");
    Observed.LaunchTemplateVersion t = template("ami-0abc", null, List.of());
    GreenPlan.Refused refused = assertThrows(GreenPlan.Refused.class, () -> plan(ng, t));
    assertEquals("LaunchTemplateNotCopyable", refused.code());
    Check c = Preflight.launchTemplatesCopyable(List.of(ng), Map.of("general", t), "1.31");
    assertEquals(CheckResult.FAIL, c.result());
    assertTrue(c.reason().contains("payments-nodes (lt-0123) version 3"), c.reason());
    assertTrue(c.reason().contains("ami-0abc"), c.reason());
    assertTrue(c.reason().contains("without ImageId"), c.reason());
  }

  @Test
  void settingsThePlatformDoesNotCopy_missingTemplates_andAl2UserDataPastAl2_failPreflight() {
    Observed.Nodegroup ng = onTemplate("AL2023_x86_64_STANDARD");
    Check notCopied =
        Preflight.launchTemplatesCopyable(
            List.of(ng),
            Map.of("general", template(null, null, List.of("BlockDeviceMappings"))),
            "1.31");
    assertEquals(CheckResult.FAIL, notCopied.result());
    assertTrue(notCopied.reason().contains("BlockDeviceMappings"), notCopied.reason());

    Check missing = Preflight.launchTemplatesCopyable(List.of(ng), Map.of(), "1.31");
    assertEquals(CheckResult.FAIL, missing.result());
    assertTrue(missing.reason().contains("not found"), missing.reason());

    Observed.Nodegroup al2 = onTemplate("AL2_x86_64");
    Observed.LaunchTemplateVersion withUserData = template(null, "IyEvYmluL2Jhc2g=", List.of());
    assertEquals(
        CheckResult.PASS,
        Preflight.launchTemplatesCopyable(List.of(al2), Map.of("general", withUserData), "1.32")
            .result());
    Check al2Gone =
        Preflight.launchTemplatesCopyable(List.of(al2), Map.of("general", withUserData), "1.33");
    assertEquals(CheckResult.FAIL, al2Gone.result());
    assertTrue(al2Gone.reason().contains("AL2023"), al2Gone.reason());
  }

  @Test
  void copyName_isDeterministic_andCutToEc2sLimitWithAHash() {
    assertEquals("bluegreen-g-ng", LaunchTemplateCopies.name("g", "ng"));
    String longName = LaunchTemplateCopies.name("c".repeat(100), "n".repeat(63));
    assertEquals(128, longName.length());
    assertEquals(longName, LaunchTemplateCopies.name("c".repeat(100), "n".repeat(63)));
    assertTrue(
        !longName.equals(LaunchTemplateCopies.name("c".repeat(100), "n".repeat(62) + "m")),
        "names that differ only past the cut still differ");
  }
}
