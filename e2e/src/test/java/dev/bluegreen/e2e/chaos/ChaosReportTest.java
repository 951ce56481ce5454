package dev.bluegreen.e2e.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaosReportTest {

  @Test
  void aFailedCheck_failsTheRun_andIsNamedInBothFiles(@TempDir Path dir) throws Exception {
    ChaosReport report =
        ChaosReport.of(
            7,
            2,
            3,
            1,
            2,
            Map.of("throttle", 1),
            Map.of("COMPLETED", 1, "SHIFTING", 1),
            12.5,
            List.of("not terminal within PT1M: upgrade u-2 of search-2, last seen SHIFTING"),
            List.of("+   1.0s SIGKILL deployer (pid 1), down PT1S"));

    report.writeTo(dir);

    assertFalse(report.passed());
    JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
    assertEquals(7, json.path("seed").asLong());
    assertEquals(1, json.path("outcomes").path("SHIFTING").asInt());
    assertEquals(1, json.path("failures").size());
    String md = Files.readString(dir.resolve("results.md"));
    assertTrue(md.contains("**FAILED** (1 checks)"), md);
    assertTrue(md.contains("- not terminal within PT1M: upgrade u-2"), md);
    assertTrue(
        md.contains(
            "`bin/chaos --seed 7 --upgrades 2 --kills 3 --faults 1 --broker-restarts 2"
                + " --notifier-kills 0 --stuck 0 --long-stuck 0 --campaign-members 0`"),
        md);
    assertEquals(2, json.path("brokerRestarts").asInt());
  }

  @Test
  void noFailedCheck_passes() {
    ChaosReport report =
        ChaosReport.of(1, 1, 1, 0, 0, Map.of(), Map.of("COMPLETED", 1), 1, List.of(), List.of());

    assertTrue(report.passed());
    assertTrue(report.markdown().contains("**PASSED**"), report.markdown());
  }

  @Test
  void markdown_tablesTheOutcomes_theFaults_andTheKillsByService() {
    ChaosReport report =
        new ChaosReport(
            3,
            2,
            2,
            1,
            0,
            Map.of("throttle", 1),
            Map.of("COMPLETED", 2),
            10,
            List.of(),
            List.of(),
            null,
            Map.of("deployer", 2),
            0,
            0,
            null,
            null,
            null,
            List.of(),
            1,
            0);

    assertTrue(
        report
            .markdown()
            .contains(
                "| outcome | upgrades |\n| --- | --- |\n| COMPLETED | 2 |\n\n"
                    + "| fault | injected |\n| --- | --- |\n| throttle | 1 |\n\n"
                    + "| service | kills |\n| --- | --- |\n| deployer | 2 |\n"),
        report.markdown());
    assertFalse(
        ChaosReport.of(1, 1, 1, 0, 0, Map.of(), Map.of("COMPLETED", 1), 1, List.of(), List.of())
            .markdown()
            .contains("| service | kills |"),
        "no kills table without kills by service");
  }

  @Test
  void theNewFigures_areInBothFiles(@TempDir Path dir) throws Exception {
    ChaosReport report =
        new ChaosReport(
            9,
            4,
            5,
            2,
            1,
            Map.of("throttle", 2, "stuck-blue-cluster", 1),
            Map.of("COMPLETED", 4),
            80,
            List.of(),
            List.of(),
            null,
            Map.of("deployer", 3, "notifier", 2),
            1,
            1,
            new NotificationCheck(40, 3, 10, 10, 4, List.of()),
            new CampaignOutcome(
                "cmp-1",
                4,
                2,
                "COMPLETED",
                Map.of("COMPLETED", 4),
                Map.of("COMPLETED", 4),
                Map.of("search-010", "u-1")),
            new ChaosSchedule.Mix(4, 2, 1, 2, 3, 1, 1),
            List.of("upgrade u-2 of search-011: search-011-gabc held 52 s (...): FAILED, ..."),
            3,
            1);

    report.writeTo(dir);

    JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
    assertEquals(2, json.path("killsByService").path("notifier").asInt());
    assertEquals(1, json.path("stuckHeld").asInt());
    assertEquals(3, json.path("notifications").path("repeated").asInt());
    assertTrue(json.path("notifications").path("failures").isMissingNode(), json.toString());
    assertEquals("COMPLETED", json.path("campaign").path("status").asText());
    String md = Files.readString(dir.resolve("results.md"));
    assertTrue(md.contains("5 kills (2 of the notifier)"), md);
    assertTrue(md.contains("1 broker restarts on 3 Kafka nodes, two of them lost at once 1×"), md);
    assertTrue(md.contains("1 stuck resources (1 held mid-change)"), md);
    assertTrue(md.contains("--kills 4 --faults 2 --broker-restarts 1 --notifier-kills 2"), md);
    assertTrue(
        md.contains("--stuck 3 --long-stuck 1 --campaign-members 4 --brokers 3 --brokers-lost 1`"),
        "the repeat names what was asked, not what was carried out: " + md);
    assertTrue(md.contains("Notifier: 40 posts, 3 of them repeats"), md);
    assertTrue(
        md.contains("Held past a phase timeout:\n- upgrade u-2 of search-011: search-011-gabc"),
        md);
    assertEquals(1, json.path("longStuck").size());
    assertTrue(md.contains("Campaign cmp-1: 4 members in 2 waves, ended COMPLETED"), md);
  }
}
