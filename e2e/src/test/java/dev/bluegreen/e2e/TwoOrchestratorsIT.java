package dev.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.CloudSimConfig;
import dev.bluegreen.cloudsim.core.Fleet;
import dev.bluegreen.issuer.LocalIssuer;
import dev.bluegreen.issuer.SigningKey;
import dev.bluegreen.testkit.Deadline;
import dev.bluegreen.testkit.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two orchestrator instances share the work: Kafka Streams gives each a share of the clusters'
 * partitions, so each instance holds only some upgrades in its state stores. Whichever instance an
 * SRE's request reaches, it answers for every upgrade: reads it cannot answer from its own stores
 * are asked of the owning instance (interactive queries, found through {@code
 * quarkus.kafka-streams.application-server}), and control actions reach the owner through Kafka.
 *
 * <p>No phase services run: the upgrades wait in their first phase, which is all a read needs.
 */
class TwoOrchestratorsIT {

  private static final int CLUSTERS = 12;
  private static final Duration WITHIN = Duration.ofSeconds(120);

  @Test
  void eitherInstanceAnswersForEveryUpgrade_andControlsReachTheOwner() {
    Path root = Platform.repoRoot();
    Path logs = root.resolve("e2e/target/service-logs/two-orchestrators");
    // A broker of its own: the run's shared broker holds other classes' upgrades (which would be
    // in the lists), and the commands of these upgrades, which no phase service answers here,
    // would reach the next platform's services.
    // Reads one instance asks of the other carry the caller's token, checked there too.
    try (KafkaBroker broker = KafkaBroker.start();
        LocalIssuer issuer = LocalIssuer.start(0, SigningKey.generate());
        ServiceProcess first = orchestrator(broker, issuer, root, logs, "first");
        ServiceProcess second = orchestrator(broker, issuer, root, logs, "second")) {
      first.awaitReady(WITHIN);
      second.awaitReady(WITHIN);
      UpgradeApi a = new UpgradeApi(first.baseUri(), issuer);
      UpgradeApi b = new UpgradeApi(second.baseUri(), issuer);
      a.awaitQueryable(WITHIN);
      b.awaitQueryable(WITHIN);

      // Requests go to either instance; the processor owning each cluster decides.
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < CLUSTERS; i++) {
        UpgradeApi to = i % 2 == 0 ? a : b;
        ids.add(
            to.requestUpgrade(
                """
                {"cluster":"fleet-%03d","targetVersion":"1.33"}
                """
                    .formatted(i)));
      }

      // Once the group has settled, every upgrade lives in exactly one instance's stores and
      // each instance owns some: otherwise this test would prove nothing about routing.
      Set<String> localToA = awaitSplitOwnership(a, b, ids);

      // Every upgrade, asked of either instance, by id, in the list and with its audit trail.
      for (String id : ids) {
        JsonNode fromA = awaitReadable(a, "/upgrades/" + id);
        JsonNode fromB = awaitReadable(b, "/upgrades/" + id);
        assertEquals(fromA.path("state").asText(), fromB.path("state").asText(), id);
        assertEquals(fromA.path("cluster").asText(), fromB.path("cluster").asText(), id);
        assertFalse(awaitReadable(a, "/upgrades/" + id + "/events").isEmpty(), id);
        assertFalse(awaitReadable(b, "/upgrades/" + id + "/events").isEmpty(), id);
      }
      assertEquals(Set.copyOf(ids), idsIn(awaitReadable(a, "/upgrades")));
      assertEquals(Set.copyOf(ids), idsIn(awaitReadable(b, "/upgrades")));

      // A control action sent to the instance that does not own the upgrade is applied by the
      // owner, and the non-owner reports the owner's decision.
      String ownedByA = localToA.iterator().next();
      UpgradeApi.Answer cancel =
          b.post("/upgrades/" + ownedByA + "/cancel", "{\"reason\":\"routing test\"}");
      assertEquals(202, cancel.status(), String.valueOf(cancel.body()));
      Deadline cancelled = Deadline.in(WITHIN);
      while (!Set.of("CANCELLED", "CLEANING_UP")
          .contains(awaitReadable(b, "/upgrades/" + ownedByA).path("state").asText())) {
        cancelled.check(ownedByA + " to be cancelled, as seen from the other instance");
        cancelled.pause();
      }
    }
  }

  /**
   * A campaign lives with the partition of its id, in one instance's stores. Either instance
   * creates it (and answers with it as first decided), reads it, lists it with the others and shows
   * its trail; a second campaign over a cluster another instance's campaign holds is refused
   * whichever instance it reaches.
   */
  @Test
  void eitherInstanceAnswersForEveryCampaign_andRefusesAnOverlapTheOtherHolds() {
    Path root = Platform.repoRoot();
    Path logs = root.resolve("e2e/target/service-logs/two-orchestrators-campaigns");
    try (KafkaBroker broker = KafkaBroker.start();
        CloudSim sim = CloudSim.start(CloudSimConfig.instant().withFleet(Fleet.demo()));
        LocalIssuer issuer = LocalIssuer.start(0, SigningKey.generate());
        ServiceProcess first = orchestrator(broker, issuer, sim, root, logs, "first");
        ServiceProcess second = orchestrator(broker, issuer, sim, root, logs, "second")) {
      first.awaitReady(WITHIN);
      second.awaitReady(WITHIN);
      UpgradeApi a = new UpgradeApi(first.baseUri(), issuer);
      UpgradeApi b = new UpgradeApi(second.baseUri(), issuer);
      a.awaitQueryable(WITHIN);
      b.awaitQueryable(WITHIN);

      // One campaign per cluster, sent to either instance, until each instance owns some (their
      // ids are random, so where each lives is too). Each is SCHEDULED for tomorrow: it holds its
      // member and starts nothing.
      String tomorrow = java.time.Instant.now().plus(Duration.ofDays(1)).toString();
      String nextMonth = java.time.Instant.now().plus(Duration.ofDays(30)).toString();
      Map<String, String> clusterOf = new LinkedHashMap<>();
      Set<String> onA = new HashSet<>();
      Set<String> onB = new HashSet<>();
      List<String> candidates =
          List.of(
              "payments-001",
              "search-002",
              "identity-003",
              "payments-010",
              "search-011",
              "identity-012",
              "payments-004",
              "search-005",
              "identity-006");
      for (int i = 0; i < candidates.size() && (onA.size() < 2 || onB.size() < 2); i++) {
        UpgradeApi to = i % 2 == 0 ? a : b;
        UpgradeApi.Answer created =
            to.post(
                "/campaigns",
                """
                {"name":"routing %d","targetVersion":"next","notBefore":"%s","deadline":"%s",
                 "selector":{"clusters":["%s"]},"waves":[{"name":"all"}]}
                """
                    .formatted(i, tomorrow, nextMonth, candidates.get(i)));
        // 503 only while the two instances still share the partitions out: not counted.
        assertTrue(
            created.status() == 202 || created.status() == 503,
            "POST /campaigns answered " + created.status() + ": " + created.body());
        if (created.status() != 202) {
          continue;
        }
        String id = created.body().path("campaign").path("campaignId").asText();
        clusterOf.put(id, candidates.get(i));
        (heldByFirst(a, b, id) ? onA : onB).add(id);
      }
      assertFalse(onA.isEmpty() || onB.isEmpty(), "each instance owns a campaign: " + onA + onB);

      for (String id : clusterOf.keySet()) {
        JsonNode fromA = awaitReadable(a, "/campaigns/" + id);
        JsonNode fromB = awaitReadable(b, "/campaigns/" + id);
        assertEquals(fromA.path("status").asText(), fromB.path("status").asText(), id);
        assertFalse(awaitReadable(a, "/campaigns/" + id + "/events").isEmpty(), id);
        assertFalse(awaitReadable(b, "/campaigns/" + id + "/events").isEmpty(), id);
      }
      assertTrue(campaignIdsIn(awaitReadable(a, "/campaigns")).containsAll(clusterOf.keySet()));
      assertTrue(campaignIdsIn(awaitReadable(b, "/campaigns")).containsAll(clusterOf.keySet()));

      // A campaign the first instance holds; a second one over its cluster, sent to the other.
      String heldByA = onA.iterator().next();
      UpgradeApi.Answer overlap =
          b.post(
              "/campaigns",
              """
              {"name":"overlap","targetVersion":"next","deadline":"%s",
               "selector":{"clusters":["%s"]}}
              """
                  .formatted(nextMonth, clusterOf.get(heldByA)));
      assertEquals(409, overlap.status(), String.valueOf(overlap.body()));
      assertTrue(overlap.body().path("detail").asText().contains(heldByA), overlap.toString());
    }
  }

  /** Whether the first instance holds the campaign (awaits it held by exactly one). */
  private static boolean heldByFirst(UpgradeApi a, UpgradeApi b, String id) {
    Deadline deadline = Deadline.in(WITHIN);
    while (true) {
      int fromA = a.get("/campaigns/" + id + "/stored?scope=local").status();
      int fromB = b.get("/campaigns/" + id + "/stored?scope=local").status();
      if (fromA == 200 && fromB == 404 || fromB == 200 && fromA == 404) {
        return fromA == 200;
      }
      deadline.check(id + " held by exactly one instance; first " + fromA + ", second " + fromB);
      deadline.pause();
    }
  }

  private static Set<String> campaignIdsIn(JsonNode list) {
    Set<String> ids = new HashSet<>();
    list.forEach(c -> ids.add(c.path("campaignId").asText()));
    return ids;
  }

  /** An orchestrator pointed at the simulated cloud: campaigns read the fleet from EKS. */
  private static ServiceProcess orchestrator(
      KafkaBroker broker, LocalIssuer issuer, CloudSim sim, Path root, Path logs, String name) {
    Map<String, String> cloud = new LinkedHashMap<>(ServiceSettings.cloud(sim));
    cloud.putAll(ServiceSettings.caller("orchestrator"));
    return orchestrator(broker, issuer, root, logs, name, cloud);
  }

  /** An orchestrator without a cloud: only the target version of a request is checked. */
  private static ServiceProcess orchestrator(
      KafkaBroker broker, LocalIssuer issuer, Path root, Path logs, String name) {
    return orchestrator(
        broker,
        issuer,
        root,
        logs,
        name,
        Map.of(
            "bluegreen.orchestrator.eks.enabled", "false",
            "bluegreen.orchestrator.decision-timeout", "PT60S"));
  }

  private static ServiceProcess orchestrator(
      KafkaBroker broker,
      LocalIssuer issuer,
      Path root,
      Path logs,
      String name,
      Map<String, String> more) {
    Map<String, String> settings = new LinkedHashMap<>(more);
    settings.putAll(ServiceSettings.issuer(issuer));
    settings.put("kafka.bootstrap.servers", broker.bootstrapServers());
    settings.put("quarkus.kafka-streams.bootstrap-servers", broker.bootstrapServers());
    settings.put(
        "kafka-streams.state.dir",
        root.resolve("e2e/target/streams-state/" + name + "-" + UUID.randomUUID()).toString());
    // What a second pod sets: where the other instances reach this one's HTTP server.
    settings.put("quarkus.kafka-streams.application-server", "localhost:${quarkus.http.port}");
    // A short session, so the group settles in seconds when the second instance joins.
    settings.put("kafka-streams.consumer.session.timeout.ms", "6000");
    settings.put("kafka-streams.consumer.heartbeat.interval.ms", "1000");
    return ServiceProcess.start("orchestrator", root, settings, logs.resolve(name));
  }

  /**
   * Waits until each upgrade is readable with {@code ?scope=local} from exactly one instance and
   * both instances own some; returns the ids the first instance owns.
   */
  private static Set<String> awaitSplitOwnership(UpgradeApi a, UpgradeApi b, List<String> ids) {
    Deadline deadline = Deadline.in(WITHIN);
    String last = "";
    while (true) {
      Set<String> onA = new HashSet<>();
      Set<String> onB = new HashSet<>();
      boolean settled = true;
      for (String id : ids) {
        int fromA = a.get("/upgrades/" + id + "?scope=local").status();
        int fromB = b.get("/upgrades/" + id + "?scope=local").status();
        if (fromA == 200 && fromB == 404) {
          onA.add(id);
        } else if (fromB == 200 && fromA == 404) {
          onB.add(id);
        } else {
          settled = false;
        }
      }
      if (settled && !onA.isEmpty() && !onB.isEmpty()) {
        return onA;
      }
      last = "first owns " + onA + ", second owns " + onB + ", settled " + settled;
      deadline.check("the two instances to split the upgrades between them; last: " + last);
      deadline.pause();
    }
  }

  /** GETs {@code path} until it answers 200 (503 while Streams rebalances) and returns the body. */
  private static JsonNode awaitReadable(UpgradeApi api, String path) {
    Deadline deadline = Deadline.in(WITHIN);
    while (true) {
      UpgradeApi.Answer answer = api.get(path);
      if (answer.status() == 200) {
        return answer.body();
      }
      assertTrue(
          answer.status() == 503,
          path + " answered " + answer.status() + ": " + answer.body() + " (only 503 is retried)");
      deadline.check(path + " to answer 200");
      deadline.pause();
    }
  }

  private static Set<String> idsIn(JsonNode list) {
    Set<String> ids = new HashSet<>();
    list.forEach(u -> ids.add(u.path("id").asText()));
    return ids;
  }
}
