package dev.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bluegreen.replay.AuditReader;
import dev.bluegreen.replay.Replayer;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerExtension;
import dev.bluegreen.timeline.AuditLine;
import dev.bluegreen.upgrade.core.PhaseTimeouts;
import dev.bluegreen.upgrade.core.UpgradeDecider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
        UpgradeApi api = platform.api();
        api.awaitQueryable(Duration.ofSeconds(60));

        String serving = LOGICAL;
        List<String> greens = new ArrayList<>();
        List<String> ids = new ArrayList<>();
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
          if (year == 0) {
            // While green is being built it is the next generation, not a cluster of its own.
            JsonNode waiting =
                api.awaitState(id, Set.of("AWAITING_SHIFT_APPROVAL"), false, Duration.ofMinutes(5));
            String next = waiting.path("greenCluster").asText();
            UpgradeApi.Answer refused =
                api.post(
                    "/upgrades", "{\"cluster\":\"%s\",\"targetVersion\":\"1.34\"}".formatted(next));
            assertEquals(409, refused.status(), refused.body().toString());
            assertTrue(refused.body().path("type").asText().endsWith("green-in-flight"));
            assertTrue(
                refused.body().path("detail").asText().contains(id), refused.body().toString());
            JsonNode generations = api.get("/clusters/" + LOGICAL).body().path("generations");
            assertEquals(
                "SERVING", generations.get(0).path("role").asText(), generations.toString());
            assertEquals(next, generations.get(1).path("cluster").asText());
            assertEquals("NEXT", generations.get(1).path("role").asText());
          }

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
          ids.add(id);
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
        // The history of the logical cluster holds all three upgrades, and its audit log, read by
        // the logical name as a postmortem would, replays through decide to the same states.
        assertEquals(3, api.get("/upgrades?cluster=" + LOGICAL).body().size());
        AuditHistory.through(broker, ids.get(2), "COMPLETED");
        AuditReader.Result history =
            new AuditReader(broker.bootstrapServers())
                .read(new AuditReader.Selection(null, LOGICAL, null, null));
        assertEquals(
            Set.copyOf(ids),
            history.lines().stream().map(AuditLine::upgradeId).collect(Collectors.toSet()));
        Replayer.Report replayed =
            new Replayer(new UpgradeDecider(PhaseTimeouts.defaults()))
                .replayLines(history.inLogOrder());
        assertEquals(Replayer.Verdict.REPRODUCED, replayed.verdict(), replayed.render());

        // A blue whose name is as long as EKS allows upgrades like any other; a longer name is
        // refused up front.
        String longest = SimulatedCloud.LONGEST_NAME;
        String id =
            api.requestUpgrade(
                """
                {"cluster":"%s","targetVersion":"1.33",
                 "steps":[{"type":"setWeight","weight":100}],"retention":"PT3S"}
                """
                    .formatted(longest));
        JsonNode done = api.awaitState(id, ENDED, true, Duration.ofMinutes(5));
        assertEquals("COMPLETED", done.path("state").asText(), done.toString());
        assertTrue(done.path("greenCluster").asText().length() <= 63, done.toString());
        UpgradeApi.Answer tooLong =
            api.post(
                "/upgrades",
                "{\"cluster\":\"%s\",\"targetVersion\":\"1.33\"}".formatted(longest + "x"));
        assertEquals(400, tooLong.status(), tooLong.body().toString());
      }
    }
  }
}
