package dev.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bluegreen.replay.AuditReader;
import dev.bluegreen.replay.Replayer;
import dev.bluegreen.testkit.Deadline;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerExtension;
import dev.bluegreen.testkit.PrometheusScrape;
import dev.bluegreen.timeline.Format;
import dev.bluegreen.timeline.Timeline;
import dev.bluegreen.upgrade.core.PhaseTimeouts;
import dev.bluegreen.upgrade.core.UpgradeDecider;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One upgrade through every service, as an SRE runs it: POST, approve the gates, and find green
 * serving everything at the new version, CronJobs only on green, blue retired, and the whole story
 * in the audit trail.
 */
@ExtendWith(KafkaBrokerExtension.class)
class HappyPathIT {

  private static final String BLUE = "search-002";

  @Test
  void upgrade_runsFromRequestToCompleted_andLeavesOnlyGreenServing(KafkaBroker broker) {
    try (SimulatedCloud cloud = new SimulatedCloud()) {
      String blueRule = cloud.sim.ruleArnOf(BLUE).orElseThrow();
      List<String> blueCronJobs = cloud.activeCronJobs(BLUE);
      // A database that admits only blue's cluster security group (issue 24): green's smoke tests
      // connect to it from a pod on green, so VERIFYING passes only if provisioning admitted green.
      String db = "orders-db.example.internal";
      String blueOriginal =
          cloud.sim.declareSharedResource("sg-orders-db", Map.of(), db, 5432, List.of(BLUE)).get(0);
      // And a cache that admits only the security group blue's general nodes carry from the team's
      // launch template: green reaches it only if its node group uses a copy with that group.
      String cache = "search-cache.example.internal";
      String blueTemplate =
          cloud.sim.useLaunchTemplate(
              BLUE, "general", "search-general-nodes", List.of("sg-search-nodes"));
      cloud.sim.declareSharedResourceAdmittingGroups(
          "sg-search-cache", Map.of(), cache, 6379, List.of("sg-search-nodes"));
      Map<String, String> settings = new LinkedHashMap<>(cloud.serviceSettings());
      settings.put(
          "bluegreen.deployer.shared-resources.endpoints", db + ":5432," + cache + ":6379");
      try (Platform platform = Platform.start(broker, settings)) {
        UpgradeApi api = platform.api();

        String id =
            api.requestUpgrade(
                """
                {"cluster":"%s","targetVersion":"1.33",
                 "steps":[{"type":"setWeight","weight":50},{"type":"setWeight","weight":100}],
                 "retention":"PT3S"}
                """
                    .formatted(BLUE));
        JsonNode done =
            api.awaitState(
                id,
                Set.of("COMPLETED", "FAILED", "ROLLED_BACK", "CANCELLED"),
                true,
                Duration.ofMinutes(5));

        assertEquals("COMPLETED", done.path("state").asText(), done.toString());
        String green = done.path("greenCluster").asText();
        assertEquals(Boolean.TRUE, cloud.sim.isActive(green), "green is ACTIVE");
        assertEquals(
            "1.33", cloud.sim.inspect(w -> w.eks().clusters().find(green).orElseThrow().version));
        assertFalse(cloud.sim.clusterStatus(BLUE).isPresent(), "blue is gone");
        String greenGroup = cloud.sim.targetGroupArnOf(green).orElseThrow();
        assertEquals(
            Map.of(greenGroup, 100),
            cloud.ruleWeights(blueRule),
            "the rule sends everything to green");
        assertTrue(cloud.sim.targetGroupArnOf(BLUE).isEmpty(), "blue's target group is deleted");
        assertEquals(blueCronJobs, cloud.activeCronJobs(green), "blue's CronJobs run on green");
        assertEquals(List.of(), cloud.sim.journal().violations(), "no invariant violated");
        // Green reaches the database through its mirrored rule; blue's rule went with blue.
        assertEquals(Optional.empty(), cloud.sim.connectFailure(green, db, 5432));
        List<String> dbRules = cloud.sim.ingressRuleIds("sg-orders-db");
        assertEquals(1, dbRules.size(), dbRules::toString);
        assertFalse(dbRules.contains(blueOriginal), "blue's rule is revoked with blue");
        // Green's general nodes run from the provisioner's copy of blue's template, with its node
        // group; the team's template and the cache's one rule are left as they were.
        assertEquals(Optional.empty(), cloud.sim.connectFailure(green, cache, 6379));
        assertEquals(1, cloud.sim.ingressRuleIds("sg-search-cache").size());
        String greenTemplate =
            cloud.sim.inspect(
                w -> w.eks().nodegroups().describe(green, "general").launchTemplateName);
        assertEquals("bluegreen-" + green + "-general", greenTemplate);
        boolean teamsTemplateStays =
            cloud.sim.inspect(w -> w.launchTemplates().byName("search-general-nodes").isPresent());
        assertTrue(teamsTemplateStays, "blue's template " + blueTemplate + " is the team's");
        assertFalse(
            cloud
                .journal("POST jobs", r -> r.startsWith(green + "/default/bluegreen-conn-"))
                .isEmpty(),
            "the smoke tests connected to the database from a pod on green");
        assertEquals(List.of(), cloud.sim.journal().duplicateCreations(), "nothing created twice");
        // Least privilege: each service called only AWS operations its deploy/iam policy allows.
        IamPolicies.assertEveryCallAllowed(cloud.sim, Platform.SERVICES);

        // The upgrade's own entry and its audit trail are separate stores: GET /upgrades/{id} can
        // say COMPLETED a moment before /events holds that last transition, so read the trail
        // again until its last state is COMPLETED (or the deadline passes and the assert below
        // shows what it held).
        List<String> states = new ArrayList<>();
        Deadline trail = Deadline.in(Duration.ofSeconds(30));
        while (true) {
          states.clear();
          for (JsonNode line : api.get("/upgrades/" + id + "/events").body()) {
            JsonNode to = line.path("data").path("to");
            if (!to.isMissingNode()) {
              states.add(to.asText());
            }
          }
          if ((!states.isEmpty() && states.get(states.size() - 1).equals("COMPLETED"))
              || trail.passed()) {
            break;
          }
          trail.pause();
        }
        assertEquals(
            AuditHistory.COMPLETED_PATH,
            states.stream().distinct().toList(),
            "the audit trail holds every transition in order");

        // Invariant 5: the audit log, read back from Kafka, replays through decide to the same
        // transitions, and renders as the timeline a postmortem would paste.
        AuditReader.Result history = AuditHistory.through(broker, id, "COMPLETED");
        Replayer.Report report =
            new Replayer(new UpgradeDecider(PhaseTimeouts.defaults()))
                .replayLines(history.inLogOrder());
        assertEquals(Replayer.Verdict.REPRODUCED, report.verdict(), report.render());
        assertTrue(
            report.reproduced() >= states.size(),
            "every transition was replayed: " + report.render());
        String markdown = Format.MARKDOWN.render(Timeline.byUpgrade(history.lines()));
        assertTrue(markdown.contains("Outcome: **COMPLETED**"), markdown);
        assertTrue(markdown.contains("SHIFTING → HANDOVER"), markdown);

        // The metrics moved as the upgrade ran, scraped from the orchestrator as Prometheus would.
        URI metrics = platform.service("orchestrator").baseUri().resolve("/q/metrics");
        PrometheusScrape scrape =
            PrometheusScrape.await(
                metrics,
                "bluegreen_upgrades",
                Map.of("state", "COMPLETED"),
                n -> n >= 1,
                Duration.ofSeconds(10));
        assertTrue(
            scrape.sum(
                    "bluegreen_transitions_total",
                    Map.of("from", "DECOMMISSIONING", "to", "COMPLETED"))
                >= 1,
            "the last transition is counted");
        assertTrue(
            scrape.sum("bluegreen_upgrades_ended_total", Map.of("state", "COMPLETED")) >= 1,
            "the completed upgrade is counted");
        assertTrue(
            scrape.sum(
                    "bluegreen_phase_duration_seconds_count",
                    Map.of("phase", "PROVISIONING", "outcome", "succeeded"))
                >= 1,
            "provisioning is timed");
      }
    }
  }
}
