package dev.bluegreen.contracts.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bluegreen.contracts.naming.SharedRules.IngressRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedRulesTest {
  private static final IngressRule DB_BLUE =
      new IngressRule("sgr-db", "sg-db", "tcp", 5432, 5432, "sg-blue", Map.of(), Map.of());
  private static final IngressRule LEDGER_BLUE =
      new IngressRule(
          "sgr-ledger",
          "sg-ledger",
          "tcp",
          5432,
          5432,
          "sg-blue",
          Map.of(),
          Map.of(SharedRules.MIRROR_POLICY, SharedRules.NEVER));
  private static final IngressRule DB_CIDR =
      new IngressRule("sgr-cidr", "sg-db", "tcp", 443, 443, null, Map.of(), Map.of());

  @Test
  void plan_mirrorsEveryRuleReferencingBlue_tagged_andRefusesWhatPolicyForbids() {
    SharedRules.MirrorPlan plan =
        SharedRules.plan(
            "up-1", "green", "sg-blue", "sg-green", List.of(DB_BLUE, LEDGER_BLUE, DB_CIDR), true);

    assertEquals(1, plan.toAdd().size());
    assertEquals(DB_BLUE, plan.toAdd().get(0).original());
    assertEquals(
        Map.of(
            ClusterTags.UPGRADE_ID, "up-1",
            ClusterTags.CLUSTER, "green",
            SharedRules.MIRRORS, "sgr-db"),
        plan.toAdd().get(0).tags());
    assertEquals(List.of(LEDGER_BLUE), plan.refused().stream().map(r -> r.original()).toList());
    assertEquals(List.of(), plan.present());
  }

  @Test
  void plan_withGreenAlreadyAdmitted_addsNothing() {
    IngressRule mirror =
        new IngressRule(
            "sgr-m",
            "sg-db",
            "tcp",
            5432,
            5432,
            "sg-green",
            Map.of(SharedRules.MIRRORS, "sgr-db"),
            Map.of());

    SharedRules.MirrorPlan plan =
        SharedRules.plan("up-1", "green", "sg-blue", "sg-green", List.of(DB_BLUE, mirror), true);

    assertEquals(List.of(), plan.toAdd());
    assertEquals(List.of(DB_BLUE), plan.present());
  }

  @Test
  void plan_switchedOff_refusesEveryRule() {
    SharedRules.MirrorPlan plan =
        SharedRules.plan("up-1", "green", "sg-blue", "sg-green", List.of(DB_BLUE), false);

    assertEquals(List.of(), plan.toAdd());
    assertEquals(1, plan.refused().size());
  }

  @Test
  void mirrorsAndOriginals_areFoundByTheirTags() {
    IngressRule mirror =
        new IngressRule(
            "sgr-m",
            "sg-db",
            "tcp",
            5432,
            5432,
            "sg-green",
            Map.of(
                SharedRules.MIRRORS, "sgr-db",
                ClusterTags.CLUSTER, "green",
                ClusterTags.UPGRADE_ID, "up-1"),
            Map.of());
    List<IngressRule> all = List.of(DB_BLUE, LEDGER_BLUE, mirror);

    assertEquals(List.of(mirror), SharedRules.mirrorsFor("up-1", "green", all));
    assertEquals(List.of(), SharedRules.mirrorsFor("up-2", "green", all));
    assertEquals(List.of(DB_BLUE), SharedRules.mirroredOriginals("sg-blue", all));
    assertEquals(List.of(LEDGER_BLUE), SharedRules.unmirroredOriginals("sg-blue", all));
  }
}
