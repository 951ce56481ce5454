package dev.bluegreen.e2e.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakReportTest {

  private static List<Growth.Sample> rising(double from, double step) {
    List<Growth.Sample> samples = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      samples.add(new Growth.Sample(i * 10.0, from + i * step));
    }
    return samples;
  }

  @Test
  void aGrowingMetric_isAFailure_namingTheServiceTheMetricAndTheFigures(@TempDir Path dir)
      throws Exception {
    SoakReport soak =
        new SoakReport(
            "PT5M",
            10,
            4,
            List.of(
                new SoakReport.SeriesResult(
                    "deployer", 42, 0, 290, Growth.THREADS.judge(rising(50, 1))),
                new SoakReport.SeriesResult(
                    "deployer", 42, 0, 290, Growth.FILE_HANDLES.judge(rising(200, 0))),
                new SoakReport.SeriesResult(
                    "orchestrator", 43, 250, 290, Growth.RSS.judge(rising(1e8, 0).subList(0, 5)))));
    ChaosReport report =
        new ChaosReport(
            7,
            2,
            1,
            1,
            1,
            Map.of(),
            Map.of("COMPLETED", 8),
            300,
            soak.failures(),
            List.of(),
            soak,
            Map.of(),
            0,
            0,
            null,
            null,
            null,
            List.of(),
            1,
            0);

    report.writeTo(dir);

    assertEquals(1, soak.failures().size(), soak.failures().toString());
    String failure = soak.failures().get(0);
    assertTrue(
        failure.startsWith("deployer (pid 42, 0-290 s) does not level off: threads"), failure);
    assertTrue(failure.contains("first/middle/last 55/65/75 (+10, allowed +6)"), failure);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("soak.json").toFile());
    assertEquals(3, json.path("series").size());
    assertEquals("GROWS", json.path("series").get(0).path("judgement").path("verdict").asText());
    assertEquals(
        "TOO_SHORT", json.path("series").get(2).path("judgement").path("verdict").asText());
    assertEquals(
        "PT5M",
        new ObjectMapper()
            .readTree(dir.resolve("results.json").toFile())
            .path("soak")
            .path("duration")
            .asText());
    String md = Files.readString(dir.resolve("soak.md"));
    assertTrue(md.contains("**GROWS** (1)"), md);
    assertTrue(md.contains("| deployer | 42 | 0–290 | threads | 55 | 65 | 75 | +6 | GROWS |"), md);
    assertTrue(md.contains("| orchestrator | 43 | 250–290 | rss MiB | 95.4 |"), md);
    assertTrue(report.markdown().contains("--campaign-members 0 --soak PT5M`"), report.markdown());
  }

  @Test
  void aChaosRunsReport_hasNoSoak() throws Exception {
    ChaosReport report =
        ChaosReport.of(1, 1, 1, 0, 0, Map.of(), Map.of("COMPLETED", 1), 1, List.of(), List.of());

    assertTrue(new ObjectMapper().valueToTree(report).path("soak").isMissingNode());
  }

  @Test
  void theSoaksDefaults_chaosAtALowerRate_spreadOverTheSoak() {
    ChaosRun.Settings s =
        ChaosMain.soak(
            5,
            java.time.Duration.ofMinutes(10),
            null,
            null,
            null,
            null,
            new ChaosMain.Extra(null, null, 0, null),
            null,
            null);

    assertEquals(10, s.upgrades());
    assertEquals(5, s.mix().kills());
    assertEquals(10, s.mix().faults());
    assertEquals(1, s.mix().brokerRestarts());
    assertEquals(1, s.mix().notifierKills(), "the notifier's share of the kills");
    assertEquals(2, s.mix().stuckResources(), "a fifth of the faults");
    assertEquals(0, s.campaignMembers(), "no campaign in a soak");
    assertEquals(java.time.Duration.ofMinutes(10), s.window());
    assertEquals(java.time.Duration.ofSeconds(10), s.soak().interval());
    assertEquals(40, s.soak().maxRounds());
  }
}
