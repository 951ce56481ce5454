package dev.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every cluster, every year: one logical cluster upgraded three times in a row (1.32 → 1.33 → 1.34
 * → 1.35), each generation replacing the last, with the listener rule, Argo CD and the CronJobs
 * following each one, names that do not grow, and the inventory telling the story.
 */
@ExtendWith(KafkaBrokerExtension.class)
class GenerationsIT {

  private static final String LOGICAL = "search-002";
  private static final Set<String> ENDED =
      Set.of("COMPLETED", "FAILED", "ROLLED_BACK", "CANCELLED");

  @Test
  void oneLogicalCluster_upgradedThreeYearsInARow_completesEachTime(KafkaBroker broker) {
    try (SimulatedCloud cloud = new SimulatedCloud()) {
      String rule = cloud.sim.ruleArnOf(LOGICAL).orElseThrow();
      List<String> cronJobs = cloud.activeCronJobs(LOGICAL);
      Map<String, String> settings = new LinkedHashMap<>(cloud.serviceSettings());
      try (Platform platform = Platform.start(broker, settings)) {
        UpgradeApi api = new UpgradeApi(platform.service("orchestrator").baseUri());
        api.awaitQueryable(Duration.ofSeconds(60));

        String serving = LOGICAL;
        List<String> greens = new ArrayList<>();
        // Year 2 by the logical name, year 3 by the logical name again, year 4 by the physical
        // name of the serving cluster: all three name the same lasting cluster.
        List<String> asked = List.of(LOGICAL, LOGICAL, "serving");
        List<String> versions = List.of("1.33", "1.34", "1.35");
        for (int year = 0; year < 3; year++) {
          String name = asked.get(year).equals("serving") ? serving : asked.get(year);
          String id =
              api.requestUpgrade(
                  """
                  {"cluster":"%s","targetVersion":"%s",
                   "steps":[{"type":"setWeight","weight":50},{"type":"setWeight","weight":100}],
                   "retention":"PT3S"}
                  """
                      .formatted(name, versions.get(year)));
          JsonNode requested = api.upgrade(id);
          assertEquals(serving, requested.path("cluster").asText(), "blue is the serving cluster");
          assertEquals(LOGICAL, requested.path("logicalCluster").asText());

          JsonNode done = api.awaitState(id, ENDED, true, Duration.ofMinutes(5));
          assertEquals("COMPLETED", done.path("state").asText(), done.toString());
          String green = done.path("greenCluster").asText();
          assertTrue(green.startsWith(LOGICAL + "-g"), green);
          assertEquals(
              versions.get(year),
              cloud.sim.inspect(w -> w.eks().clusters().find(green).orElseThrow().version));
          assertFalse(cloud.sim.clusterStatus(serving).isPresent(), serving + " is retired");
          String greenGroup = cloud.sim.targetGroupArnOf(green).orElseThrow();
          assertEquals(Map.of(greenGroup, 100), cloud.ruleWeights(rule), "the rule follows");
          assertEquals(cronJobs, cloud.activeCronJobs(green), "the CronJobs follow");
          greens.add(green);
          serving = green;
        }
        assertEquals(3, Set.copyOf(greens).size(), "three generations, three clusters");
        assertEquals(greens.get(0).length(), greens.get(2).length(), "names do not grow");
        assertNotEquals(greens.get(1), greens.get(2));
        assertEquals(List.of(), cloud.sim.journal().violations(), "no invariant violated");
        assertEquals(List.of(), cloud.sim.journal().duplicateCreations(), "nothing made twice");

        // The inventory: one logical cluster, its fourth generation serving at 1.35.
        UpgradeApi.Answer inventory = api.get("/clusters/" + LOGICAL);
        assertEquals(200, inventory.status(), inventory.body().toString());
        JsonNode c = inventory.body();
        assertEquals(serving, c.path("servingCluster").asText(), c.toString());
        assertEquals(4, c.path("generation").asInt(), c.toString());
        assertEquals("1.35", c.path("version").asText());
        assertEquals("search", c.path("team").asText());
        assertEquals("COMPLETED", c.path("lastUpgrade").path("state").asText());
        // The history of the logical cluster holds all three upgrades.
        assertEquals(3, api.get("/upgrades?cluster=" + LOGICAL).body().size());
      }
    }
  }
}
