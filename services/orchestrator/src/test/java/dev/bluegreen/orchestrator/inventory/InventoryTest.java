package dev.bluegreen.orchestrator.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bluegreen.contracts.naming.ClusterTags;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryTest {

  private static final List<VersionSupport> VERSIONS =
      List.of(
          new VersionSupport(
              "1.32",
              "EXTENDED_SUPPORT",
              LocalDate.parse("2026-03-23"),
              LocalDate.parse("2027-03-23")),
          new VersionSupport(
              "1.33",
              "STANDARD_SUPPORT",
              LocalDate.parse("2026-07-29"),
              LocalDate.parse("2027-07-29")),
          new VersionSupport("1.34", "STANDARD_SUPPORT", null, null));

  private static EksCluster untagged(String name, String version, String team) {
    return new EksCluster(name, version, "ACTIVE", Map.of("team", team), Instant.EPOCH);
  }

  private static EksCluster generation(String name, String logical, int gen, String version) {
    return new EksCluster(
        name,
        version,
        "ACTIVE",
        Map.of(
            ClusterTags.LOGICAL_CLUSTER,
            logical,
            ClusterTags.GENERATION,
            String.valueOf(gen),
            "team",
            "search"),
        Instant.EPOCH.plusSeconds(gen));
  }

  private static LogicalCluster.UpgradeRef upgrade(
      String id, String logical, String state, boolean ended, String blue, String green) {
    return new LogicalCluster.UpgradeRef(
        id,
        logical,
        state,
        ended,
        blue,
        green,
        "1.32",
        "1.33",
        Instant.EPOCH.plusSeconds(100),
        null);
  }

  @Test
  void anUntaggedCluster_isAdoptedAsGenerationOneOfItself() {
    List<LogicalCluster> fleet =
        Inventory.of(
            List.of(untagged("payments-001", "1.32", "payments")), VERSIONS, List.of(), "team");
    LogicalCluster c = fleet.get(0);
    assertEquals("payments-001", c.name());
    assertEquals("payments-001", c.servingCluster());
    assertEquals(1, c.generation());
    assertEquals("payments", c.team());
    assertEquals("EXTENDED_SUPPORT", c.supportStatus());
    assertEquals(LocalDate.parse("2026-03-23"), c.endOfStandardSupport());
    assertEquals("1.33", c.nextVersion());
    assertNull(c.upgradeInFlight());
  }

  @Test
  void whileAnUpgradeRuns_blueServesAndGreenIsTheNextGeneration() {
    List<LogicalCluster> fleet =
        Inventory.of(
            List.of(
                untagged("search-002", "1.32", "search"),
                generation("search-002-gaaaa1111", "search-002", 2, "1.33")),
            VERSIONS,
            List.of(
                upgrade(
                    "u1", "search-002", "SHIFTING", false, "search-002", "search-002-gaaaa1111")),
            "team");
    assertEquals(1, fleet.size());
    LogicalCluster c = fleet.get(0);
    assertEquals("search-002", c.servingCluster());
    assertEquals("u1", c.upgradeInFlight().upgradeId());
    assertEquals("SERVING", c.generations().get(0).role());
    assertEquals("NEXT", c.generations().get(1).role());
  }

  @Test
  void afterTheUpgrade_theNewestGenerationServes_andTheLastUpgradeIsShown() {
    List<LogicalCluster> fleet =
        Inventory.of(
            List.of(generation("search-002-gaaaa1111", "search-002", 2, "1.33")),
            VERSIONS,
            List.of(
                upgrade(
                    "u1", "search-002", "COMPLETED", true, "search-002", "search-002-gaaaa1111")),
            "team");
    LogicalCluster c = fleet.get(0);
    assertEquals("search-002", c.name());
    assertEquals("search-002-gaaaa1111", c.servingCluster());
    assertEquals(2, c.generation());
    assertEquals("1.34", c.nextVersion());
    assertEquals("u1", c.lastUpgrade().upgradeId());
    assertNull(c.upgradeInFlight());
  }

  @Test
  void nextVersion_isNoneWhenTheNextMinorIsUnsupportedOrUnknown() {
    assertEquals(java.util.Optional.empty(), Inventory.nextVersion("1.34", VERSIONS));
    assertEquals(java.util.Optional.empty(), Inventory.nextVersion("garbage", VERSIONS));
  }
}
