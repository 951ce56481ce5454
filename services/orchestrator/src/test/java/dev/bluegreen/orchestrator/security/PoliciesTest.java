package dev.bluegreen.orchestrator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.events.ApprovalGates;
import dev.bluegreen.contracts.events.TrafficStep;
import dev.bluegreen.contracts.events.UpgradePlan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Policies by tag: which apply, and what of a plan loosens them. No Quarkus, no cloud. */
class PoliciesTest {

  private static SecurityConfig.Policy policy(
      Map<String, String> tags, boolean gates, Duration minRetention, boolean analysis) {
    return new SecurityConfig.Policy() {
      public Map<String, String> tags() {
        return tags;
      }

      public boolean requireApprovalBeforeShift() {
        return gates;
      }

      public boolean requireApprovalBeforeDecommission() {
        return gates;
      }

      public Optional<Duration> minRetention() {
        return Optional.ofNullable(minRetention);
      }

      public boolean requireAnalysis() {
        return analysis;
      }

      public boolean fourEyes() {
        return gates;
      }
    };
  }

  private final Policies policies =
      new Policies(
          Map.of(
              "production",
              policy(Map.of("environment", "production"), true, Duration.ofHours(24), true),
              "everywhere",
              policy(Map.of(), false, Duration.ofHours(1), false)));

  private static UpgradePlan plan(Boolean beforeShift, Duration retention, TrafficStep... steps) {
    return new UpgradePlan(
        List.of(steps), retention, new ApprovalGates(beforeShift, null), Map.of());
  }

  @Test
  void aPolicyApplies_whenTheClusterCarriesAllItsTags() {
    assertEquals(List.of("everywhere"), policies.applying(Map.of("team", "search")));
    assertEquals(
        List.of("everywhere", "production"),
        policies.applying(Map.of("team", "search", "environment", "production")));
    assertEquals(Optional.of("production"), policies.fourEyes(Map.of("environment", "production")));
    assertEquals(Optional.empty(), policies.fourEyes(Map.of("environment", "staging")));
  }

  @Test
  void switchingAGateOff_onProduction_isRefusedNamingThePolicy() {
    List<Policies.Refusal> refusals =
        policies.check(
            plan(false, Duration.ofHours(48), TrafficStep.analysis("default")),
            Map.of("environment", "production"));
    assertEquals(1, refusals.size(), refusals.toString());
    assertEquals("production", refusals.get(0).policy());
    assertEquals("approvalGates.beforeShift", refusals.get(0).field());
  }

  @Test
  void shortRetention_andNoAnalysis_areRefused_byEachPolicyThatSetsThem() {
    List<Policies.Refusal> refusals =
        policies.check(
            plan(true, Duration.ofMinutes(30), TrafficStep.setWeight(100)),
            Map.of("environment", "production"));
    assertEquals(
        List.of("everywhere:retention", "production:retention", "production:steps"),
        refusals.stream().map(r -> r.policy() + ":" + r.field()).toList());
  }

  @Test
  void tighteningIsFine_andUntaggedClustersAreUnderOnlyTheUntaggedPolicy() {
    assertTrue(
        policies
            .check(
                plan(true, Duration.ofHours(72), TrafficStep.analysis("default")),
                Map.of("environment", "production"))
            .isEmpty());
    assertTrue(
        policies
            .check(plan(false, Duration.ofHours(2), TrafficStep.setWeight(100)), Map.of())
            .isEmpty());
  }
}
