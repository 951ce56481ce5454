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
        new ChaosReport(
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
        md.contains("`bin/chaos --seed 7 --upgrades 2 --kills 3 --faults 1 --broker-restarts 2`"),
        md);
    assertEquals(2, json.path("brokerRestarts").asInt());
  }

  @Test
  void noFailedCheck_passes() {
    ChaosReport report =
        new ChaosReport(1, 1, 1, 0, 0, Map.of(), Map.of("COMPLETED", 1), 1, List.of(), List.of());

    assertTrue(report.passed());
    assertTrue(report.markdown().contains("**PASSED**"), report.markdown());
  }
}
