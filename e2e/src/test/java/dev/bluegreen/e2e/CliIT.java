package dev.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.cli.ExitCodes;
import dev.bluegreen.e2e.InProcessCli.Run;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/bluegreen against the real platform, as an SRE uses it: list the fleet, request an upgrade
 * from a plan file, watch it to COMPLETED approving both gates, and read the problems the API
 * answers. The commands run in-process (picocli's {@code execute}) with their output captured.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CliIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  /** The CLI's BLUEGREEN_TOKEN: alice's, from the platform's issuer. */
  private String token;

  private Run cli(String api, String... args) {
    return new InProcessCli(api, token, home, "cli-it").run(args);
  }

  @Test
  void theCli_listsTheFleet_upgradesAndWatchesToCompleted_andShowsTheApisProblems(
      KafkaBroker broker) throws IOException {
    try (SimulatedCloud cloud = new SimulatedCloud();
        Platform platform = Platform.start(broker, cloud.serviceSettings())) {
      String api = platform.service("orchestrator").baseUri().toString();
      token = platform.issuer().token("alice");
      platform.api().awaitQueryable(Duration.ofSeconds(60));

      // The fleet, for people.
      Run clusters = cli(api, "clusters");
      assertEquals(ExitCodes.OK, clusters.exitCode(), clusters.toString());
      assertTrue(
          clusters.out().lines().anyMatch(l -> l.startsWith("search-002 ") && l.contains("1.32")),
          clusters.toString());

      // An upgrade from a plan file; -o json is the API's answer, for scripts.
      Path plan = home.resolve("plan.json");
      Files.writeString(
          plan,
          """
          {"steps":[{"type":"setWeight","weight":50},{"type":"setWeight","weight":100}]}
          """);
      Run upgrade =
          cli(
              api,
              "-o",
              "json",
              "upgrade",
              "search-002",
              "1.33",
              "--plan",
              plan.toString(),
              "--retention",
              "PT3S");
      assertEquals(ExitCodes.OK, upgrade.exitCode(), upgrade.toString());
      JsonNode accepted = JSON.readTree(upgrade.out());
      String id = accepted.path("id").asText();
      assertEquals("search-002", accepted.path("logicalCluster").asText(), upgrade.toString());

      // The watch approves both gates as it goes and exits with the outcome.
      Run watch =
          cli(api, "watch", id, "--approve-gates", "--interval", "PT0.5S", "--timeout", "PT5M");
      System.out.println("CliIT: the watch as a person reads it:\n" + watch);
      assertEquals(ExitCodes.OK, watch.exitCode(), watch.toString());
      assertTrue(watch.out().contains("approving (AWAITING_SHIFT_APPROVAL)"), watch.toString());
      assertTrue(
          watch.out().contains("approving (AWAITING_DECOMMISSION_APPROVAL)"), watch.toString());
      assertTrue(watch.out().contains("step 2/2: setWeight 100%"), watch.toString());
      assertTrue(watch.out().contains("upgrade " + id + " ended COMPLETED"), watch.toString());

      Run get = cli(api, "get", id);
      assertEquals(ExitCodes.OK, get.exitCode(), get.toString());
      assertTrue(get.out().contains("[COMPLETED]"), get.toString());
      assertTrue(get.out().contains("blue 0% | green 100%"), get.toString());

      Run list = cli(api, "-o", "json", "list", "--cluster", "search-002");
      assertEquals(ExitCodes.OK, list.exitCode(), list.toString());
      List<JsonNode> listed =
          StreamSupport.stream(JSON.readTree(list.out()).spliterator(), false).toList();
      assertTrue(
          listed.stream()
              .anyMatch(
                  u ->
                      u.path("id").asText().equals(id)
                          && u.path("state").asText().equals("COMPLETED")),
          list.toString());

      Run timeline = cli(api, "timeline", id, "--format", "md");
      assertEquals(ExitCodes.OK, timeline.exitCode(), timeline.toString());
      assertTrue(timeline.out().contains("SHIFTING → HANDOVER"), timeline.toString());

      // Problems: one line, the API's title and detail, never a stack trace.
      Run unknown = cli(api, "get", "no-such-upgrade");
      assertEquals(ExitCodes.ERROR, unknown.exitCode(), unknown.toString());
      assertEquals(
          "bluegreen: Not found: no upgrade with id no-such-upgrade\n",
          unknown.err(),
          unknown.toString());

      Run late = cli(api, "approve", id, "--reason", "too late");
      assertEquals(ExitCodes.ERROR, late.exitCode(), late.toString());
      assertTrue(
          late.err().contains("The action makes no sense in the upgrade's state")
              && late.err().contains("(state: COMPLETED)"),
          late.toString());

      Run retry = cli(api, "retry", id, "--reason", "once more");
      assertNotEquals(ExitCodes.OK, retry.exitCode(), retry.toString());
      // A COMPLETED upgrade refuses a retry (409 with the reason), printed as one line.
      assertTrue(retry.err().lines().anyMatch(l -> l.startsWith("bluegreen: ")), retry.toString());
      assertFalse(retry.err().contains("\tat "), "no stack trace: " + retry);
    }
  }
}
