package dev.bluegreen.provisioner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CleanupAndResumeTest {

  private static final Map<String, String> OURS = GreenTags.forGreen(Map.of(), "up-1", "blue");

  private static Observed.Nodegroup ng(String name, Map<String, String> tags) {
    return new Observed.Nodegroup(
        name, "ACTIVE", List.of(), 1, 1, 1, Map.of(), List.of(), List.of(), null, null, null, null,
        tags, List.of(), null, null);
  }

  private static Observed.Cluster green(Map<String, String> tags) {
    return new Observed.Cluster(
        "g", "1.31", "ACTIVE", null, null, List.of(), List.of(), true, false, List.of(), List.of(),
        List.of(), null, null, null, tags);
  }

  @Test
  void cleanup_deletesOnlyWhatCarriesTheUpgradesTags() {
    CleanupPlan p =
        CleanupPlan.of(
            "up-1",
            Optional.of(green(OURS)),
            List.of(ng("a", OURS), ng("hand-made", Map.of())),
            List.of(new Observed.Addon("vpc-cni", "v1", "ACTIVE", null, null, OURS)));
    assertEquals(Optional.of("g"), p.cluster());
    assertEquals(List.of("a"), p.nodegroups());
    assertEquals(List.of("hand-made"), p.foreignNodegroups());
    assertEquals(List.of("vpc-cni"), p.addons());
  }

  @Test
  void cleanup_leavesAClusterOfAnotherUpgradeAlone() {
    CleanupPlan p =
        CleanupPlan.of(
            "up-1",
            Optional.of(green(GreenTags.forGreen(Map.of(), "up-0", "blue"))),
            List.of(),
            List.of());
    assertTrue(p.nothingToDelete());
    assertEquals(Optional.of("g"), p.leftAlone());
  }

  @Test
  void cleanup_ofNothing_isNothing() {
    assertTrue(CleanupPlan.of("up-1", Optional.empty(), List.of(), List.of()).nothingToDelete());
  }

  @Test
  void existingGreen_decisions() {
    assertEquals(
        ExistingGreen.Action.CREATE, ExistingGreen.decide(Optional.empty(), Map.of(), "up-1"));
    assertEquals(
        ExistingGreen.Action.WAIT, ExistingGreen.decide(Optional.of("CREATING"), OURS, "up-1"));
    assertEquals(
        ExistingGreen.Action.WAIT, ExistingGreen.decide(Optional.of("ACTIVE"), OURS, "up-1"));
    assertEquals(
        ExistingGreen.Action.FAILED,
        ExistingGreen.decide(Optional.of("CREATE_FAILED"), OURS, "up-1"));
    assertEquals(
        ExistingGreen.Action.DELETING, ExistingGreen.decide(Optional.of("DELETING"), OURS, "up-1"));
    assertEquals(
        ExistingGreen.Action.NOT_OURS,
        ExistingGreen.decide(Optional.of("ACTIVE"), Map.of(), "up-1"));
  }
}
