package dev.bluegreen.contracts.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PhysicalNamesTest {

  private static final String ID = "75bff199-1234-4abc-8def-0123456789ab";

  @Test
  void greenCluster_isTheLogicalNameAndAShortUpgradeId() {
    assertEquals("search-002-g75bff199", PhysicalNames.greenCluster("search-002", ID));
  }

  @Test
  void greenCluster_doesNotGrowFromOneGenerationToTheNext() {
    String logical = "search-002";
    String second = PhysicalNames.greenCluster(logical, UUID.randomUUID().toString());
    String third = PhysicalNames.greenCluster(logical, UUID.randomUUID().toString());
    assertEquals(second.length(), third.length());
  }

  @Test
  void greenCluster_ofTheLongestEksName_fitsALabelValueAndStaysUnique() {
    String a = "a".repeat(100);
    String b = "a".repeat(99) + "b";
    String greenA = PhysicalNames.greenCluster(a, ID);
    String greenB = PhysicalNames.greenCluster(b, ID);
    assertEquals(PhysicalNames.GREEN_CLUSTER_MAX, greenA.length());
    assertNotEquals(greenA, greenB);
    assertTrue(PhysicalNames.problems(a, a, greenA, "tg-{cluster}").isEmpty());
  }

  @Test
  void targetGroup_isThePatternWhenItFits_elseCutWithAHash() {
    assertEquals("tg-search-002", PhysicalNames.targetGroup("search-002"));
    String green = PhysicalNames.greenCluster("search-002-with-long-name", ID);
    String tg = PhysicalNames.targetGroup(green);
    assertEquals(32, tg.length());
    assertTrue(tg.startsWith("tg-search-002-with-long"), tg);
    assertTrue(PhysicalNames.TARGET_GROUP.matcher(tg).matches(), tg);
    assertNotEquals(tg, PhysicalNames.targetGroup(green + "x"));
  }

  @Test
  void targetGroup_replacesUnderscores() {
    String tg = PhysicalNames.targetGroup("team_a_cluster_with_a_long_name_1");
    assertTrue(PhysicalNames.TARGET_GROUP.matcher(tg).matches(), tg);
  }

  @Test
  void problems_nameEveryInvalidName() {
    assertTrue(
        PhysicalNames.problems("search-002", "search-002", "search-002-g1", "tg-{cluster}")
            .isEmpty());
    List<String> p =
        PhysicalNames.problems("search-002", "search-002", "search-002-g1", "{cluster}_tg");
    assertEquals(2, p.size(), p.toString());
    assertTrue(p.get(0).contains("target group name 'search-002_tg'"), p.toString());
    List<String> bad =
        PhysicalNames.problems("-bad", "-bad", "-bad-g1", "{cluster}-{cluster}-{cluster}");
    assertTrue(bad.stream().anyMatch(s -> s.contains("logical cluster name")), bad.toString());
    assertTrue(bad.stream().anyMatch(s -> s.contains("target group name")), bad.toString());
  }

  @Test
  void tags_untaggedClusterIsItsOwnLogicalClusterGenerationOne() {
    assertEquals("search-002", ClusterTags.logicalCluster("search-002", java.util.Map.of()));
    assertEquals(1, ClusterTags.generation(java.util.Map.of()));
    assertEquals(
        "search-002",
        ClusterTags.logicalCluster(
            "search-002-g75bff199",
            java.util.Map.of(
                ClusterTags.LOGICAL_CLUSTER, "search-002", ClusterTags.GENERATION, "3")));
    assertEquals(3, ClusterTags.generation(java.util.Map.of(ClusterTags.GENERATION, "3")));
  }
}
