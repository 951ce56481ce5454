package dev.bluegreen.provisioner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.events.Check;
import dev.bluegreen.contracts.events.CheckResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PreflightTest {

  private static Check named(List<Check> checks, String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  private static PreflightInput with(
      PreflightInput in, java.util.function.UnaryOperator<Builder> change) {
    return change.apply(new Builder(in)).build();
  }

  @Test
  void healthyBlue_everyCheckPasses() {
    List<Check> checks = Preflight.run(Fixtures.healthy());
    assertEquals(10, checks.size());
    checks.forEach(c -> assertEquals(CheckResult.PASS, c.result(), c.name() + ": " + c.reason()));
    assertTrue(Preflight.passed(checks));
  }

  @Test
  void targetVersionUnknownToEks_fails() {
    var in = with(Fixtures.healthy(), b -> b.support(Observed.VersionSupport.unknown("1.99")));
    Check c = named(Preflight.run(in), Preflight.TARGET_VERSION_SUPPORTED);
    assertEquals(CheckResult.FAIL, c.result());
    assertFalse(Preflight.passed(Preflight.run(in)));
  }

  @Test
  void targetVersionInExtendedSupport_warns() {
    var in =
        with(
            Fixtures.healthy(),
            b ->
                b.support(
                    new Observed.VersionSupport("1.31", true, "EXTENDED_SUPPORT", null, null)));
    assertEquals(
        CheckResult.WARN, named(Preflight.run(in), Preflight.TARGET_VERSION_SUPPORTED).result());
    assertTrue(Preflight.passed(Preflight.run(in)));
  }

  @Test
  void targetVersionUnsupported_fails() {
    var in =
        with(
            Fixtures.healthy(),
            b -> b.support(new Observed.VersionSupport("1.31", true, "UNSUPPORTED", null, null)));
    assertEquals(
        CheckResult.FAIL, named(Preflight.run(in), Preflight.TARGET_VERSION_SUPPORTED).result());
  }

  @Test
  void targetNotNewerThanBlue_fails_numerically() {
    assertEquals(CheckResult.FAIL, Preflight.targetVersionNewer("1.30", "1.30").result());
    assertEquals(CheckResult.FAIL, Preflight.targetVersionNewer("1.30", "1.29").result());
    assertEquals(CheckResult.PASS, Preflight.targetVersionNewer("1.9", "1.10").result());
    assertEquals(CheckResult.FAIL, Preflight.targetVersionNewer("1.30", "latest").result());
  }

  @Test
  void addonWithoutVersionForTarget_fails_namingIt() {
    var in =
        with(
            Fixtures.healthy(),
            b -> b.addonVersions(Map.of("vpc-cni", Fixtures.versions("vpc-cni"))));
    Check c = named(Preflight.run(in), Preflight.ADDONS_COMPATIBLE);
    assertEquals(CheckResult.FAIL, c.result());
    assertTrue(c.reason().contains("vpc-cni"), c.reason());
  }

  @Test
  void addonCheck_reportsTheVersionGreenGets_defaultFirst() {
    Check c = named(Preflight.run(Fixtures.healthy()), Preflight.ADDONS_COMPATIBLE);
    assertEquals(
        Map.of("installed", "v1.18.0-eksbuild.1", "green", "v1.19.0-eksbuild.1"),
        ((Map<?, ?>) c.data().get("addons")).get("vpc-cni"));
  }

  @Test
  void deprecatedApiRemovedByTarget_fails_evenWhenSkippingVersions() {
    var api =
        new Observed.DeprecatedApiUse(
            "/apis/flowcontrol.apiserver.k8s.io/v1beta3/flowschemas",
            "v1",
            "1.32",
            List.of("kubectl"));
    var insight =
        new Observed.Insight("i1", "Deprecated APIs", "1.32", "WARNING", "used", List.of(api));
    var skipping = with(Fixtures.healthy(), b -> b.target("1.32").insights(List.of(insight)));
    assertEquals(
        CheckResult.FAIL,
        named(Preflight.run(skipping), Preflight.NO_REMOVED_APIS_IN_USE).result());
    var notYet = with(Fixtures.healthy(), b -> b.insights(List.of(insight)));
    assertEquals(
        CheckResult.PASS, named(Preflight.run(notYet), Preflight.NO_REMOVED_APIS_IN_USE).result());
  }

  @Test
  void subnetsWithTooFewFreeIps_fail() {
    // 3 desired nodes x 30 IPs = 90 needed
    var in =
        with(
            Fixtures.healthy(),
            b -> b.free(Observed.SubnetFreeIps.of(Map.of("subnet-a", 40, "subnet-b", 40))));
    Check c = named(Preflight.run(in), Preflight.SUBNET_FREE_IPS);
    assertEquals(CheckResult.FAIL, c.result());
    assertEquals(90, c.data().get("needAtDesired"));
  }

  @Test
  void subnetsEnoughAtDesiredButNotAtMax_warn() {
    // at max: green 6 + blue headroom 3 = 9 nodes x 30 = 270
    var in =
        with(
            Fixtures.healthy(),
            b -> b.free(Observed.SubnetFreeIps.of(Map.of("subnet-a", 100, "subnet-b", 100))));
    assertEquals(CheckResult.WARN, named(Preflight.run(in), Preflight.SUBNET_FREE_IPS).result());
  }

  @Test
  void subnetFreeIpsUnreadable_warns() {
    var in = with(Fixtures.healthy(), b -> b.free(Observed.SubnetFreeIps.unavailable("no EC2")));
    assertEquals(CheckResult.WARN, named(Preflight.run(in), Preflight.SUBNET_FREE_IPS).result());
  }

  @Test
  void clusterQuotaReached_fails() {
    var in = with(Fixtures.healthy(), b -> b.limits(new Observed.AccountLimits(100, 100, 30, "c")));
    assertEquals(CheckResult.FAIL, named(Preflight.run(in), Preflight.ACCOUNT_LIMITS).result());
  }

  @Test
  void blueUpdating_fails() {
    var in = with(Fixtures.healthy(), b -> b.blue(Fixtures.blue("UPDATING")));
    assertEquals(CheckResult.FAIL, named(Preflight.run(in), Preflight.BLUE_ACTIVE).result());
  }

  @Test
  void blueNodegroupUpdating_fails() {
    var in =
        with(
            Fixtures.healthy(),
            b -> b.nodegroups(List.of(Fixtures.nodegroup("general", "UPDATING", 2, 6, 3))));
    assertEquals(CheckResult.FAIL, named(Preflight.run(in), Preflight.BLUE_ACTIVE).result());
  }

  @Test
  void greenNameTakenByAnotherUpgrade_fails_butOursPasses() {
    var foreign = Fixtures.blue("ACTIVE");
    var in = with(Fixtures.healthy(), b -> b.green(Optional.of(foreign)));
    assertEquals(
        CheckResult.FAIL, named(Preflight.run(in), Preflight.GREEN_NAME_AVAILABLE).result());
    var ours =
        new Observed.Cluster(
            "payments-green",
            "1.31",
            "CREATING",
            null,
            null,
            List.of(),
            List.of(),
            true,
            false,
            List.of(),
            List.of(),
            List.of(),
            null,
            null,
            null,
            GreenTags.forGreen(Map.of(), Fixtures.UPGRADE, "payments"));
    var resumed = with(Fixtures.healthy(), b -> b.green(Optional.of(ours)));
    assertEquals(
        CheckResult.PASS, named(Preflight.run(resumed), Preflight.GREEN_NAME_AVAILABLE).result());
  }

  /** Copies an input with one part changed. */
  private static final class Builder {
    String target;
    Observed.Cluster blue;
    List<Observed.Nodegroup> nodegroups;
    Map<String, Observed.AddonVersions> addonVersions;
    Observed.VersionSupport support;
    List<Observed.Insight> insights;
    Observed.SubnetFreeIps free;
    Observed.AccountLimits limits;
    Optional<Observed.Cluster> green;
    final PreflightInput in;

    Builder(PreflightInput in) {
      this.in = in;
      target = in.targetVersion();
      blue = in.blue();
      nodegroups = in.blueNodegroups();
      addonVersions = in.addonVersionsForTarget();
      support = in.targetSupport();
      insights = in.insights();
      free = in.subnetFreeIps();
      limits = in.limits();
      green = in.green();
    }

    Builder target(String v) {
      target = v;
      return this;
    }

    Builder blue(Observed.Cluster v) {
      blue = v;
      return this;
    }

    Builder nodegroups(List<Observed.Nodegroup> v) {
      nodegroups = v;
      return this;
    }

    Builder addonVersions(Map<String, Observed.AddonVersions> v) {
      addonVersions = v;
      return this;
    }

    Builder support(Observed.VersionSupport v) {
      support = v;
      return this;
    }

    Builder insights(List<Observed.Insight> v) {
      insights = v;
      return this;
    }

    Builder free(Observed.SubnetFreeIps v) {
      free = v;
      return this;
    }

    Builder limits(Observed.AccountLimits v) {
      limits = v;
      return this;
    }

    Builder green(Optional<Observed.Cluster> v) {
      green = v;
      return this;
    }

    PreflightInput build() {
      return new PreflightInput(
          in.upgradeId(),
          target,
          blue,
          nodegroups,
          in.blueAddons(),
          addonVersions,
          support,
          insights,
          free,
          limits,
          green,
          in.ipsPerNode(),
          in.awsAuth(),
          in.blueLaunchTemplates());
    }
  }

  @Test
  void namesValid_passesForTheDefaults_andFailsBeforeAnythingIsMadeForAPatternAwsRefuses() {
    Observed.Cluster blue = Fixtures.blue("ACTIVE");
    Check ok = Preflight.namesValid(blue, "payments-gabcd1234", "tg-{cluster}");
    assertEquals(CheckResult.PASS, ok.result(), ok.reason());
    // A pattern that makes an invalid target group name (underscores) fails up front, naming it.
    Check bad = Preflight.namesValid(blue, "payments-gabcd1234", "{cluster}_tg");
    assertEquals(CheckResult.FAIL, bad.result());
    assertTrue(bad.reason().contains("payments-gabcd1234_tg"), bad.reason());
  }

  @Test
  void greenTags_linkTheNextGenerationToItsLogicalCluster() {
    Map<String, String> first =
        GreenTags.forGreenCluster(Map.of("team", "search"), "u-1", "search-002");
    assertEquals("search-002", first.get("bluegreen.dev/logical-cluster"));
    assertEquals("2", first.get("bluegreen.dev/generation"));
    Map<String, String> second = GreenTags.forGreenCluster(first, "u-2", "search-002-gu1");
    assertEquals("search-002", second.get("bluegreen.dev/logical-cluster"));
    assertEquals("3", second.get("bluegreen.dev/generation"));
    assertEquals("search", second.get("team"));
  }
}
