package dev.bluegreen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch ID} over real HTTP, in-process, against a {@link ScriptedApi}: the lines it prints,
 * the gates it approves and the exit code. The whole platform is in e2e's CliIT.
 */
class WatchCommandTest {

  @TempDir Path home;

  private ScriptedApi api;

  @BeforeEach
  void serve() throws IOException {
    api = new ScriptedApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private static String upgrade(String state, String updatedAt) {
    return "{\"id\":\"u1\",\"state\":\"" + state + "\",\"updatedAt\":\"" + updatedAt + "\"}";
  }

  @Test
  void watch_printsALinePerChange_andExitsWithTheOutcome() {
    api.answer(
        "GET /upgrades/u1",
        upgrade("DEPLOYING", "t1"),
        upgrade("DEPLOYING", "t1"),
        upgrade("VERIFYING", "t2"),
        upgrade("ROLLED_BACK", "t3"));

    CliRun run = api.run(home, "watch", "u1", "--interval", "PT0.05S");

    assertEquals(ExitCodes.ROLLED_BACK, run.exitCode(), run.err());
    assertEquals(4, run.out().lines().count(), "one line per change, then the end: " + run.out());
    assertTrue(
        run.out().endsWith("upgrade u1 ended ROLLED_BACK; its story: bluegreen timeline u1\n"),
        run.out());
    assertTrue(run.err().contains("watching upgrade u1 every 0.05s;"), run.err());
  }

  @Test
  void approveGates_approvesEachGateOnce_withTheReason() {
    api.answer(
        "GET /upgrades/u1",
        upgrade("AWAITING_SHIFT_APPROVAL", "t1"),
        upgrade("AWAITING_SHIFT_APPROVAL", "t1"),
        upgrade("COMPLETED", "t2"));
    api.answer("POST /upgrades/u1/approve", "{\"id\":\"u1\",\"state\":\"SHIFTING\"}");

    CliRun run =
        api.run(
            home,
            "watch",
            "u1",
            "--approve-gates",
            "--approve-reason",
            "ok",
            "--interval",
            "PT0.05S");

    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertTrue(run.out().contains("approving (AWAITING_SHIFT_APPROVAL)"), run.out());
    assertEquals(
        1,
        api.requests().stream().filter(r -> r.startsWith("POST")).count(),
        "one approval per visit of a gate: " + api.requests());
    assertTrue(api.requests().contains("POST /upgrades/u1/approve {\"reason\":\"ok\"}"));
  }

  @Test
  void aTimeout_givesUp_leavingTheUpgradeAlone() {
    api.answer("GET /upgrades/u1", upgrade("SOAKING", "t1"));

    CliRun run = api.run(home, "watch", "u1", "--timeout", "PT0.2S", "--interval", "PT0.05S");

    assertEquals(ExitCodes.GAVE_UP, run.exitCode());
    assertTrue(run.err().contains("it is still SOAKING"), run.err());
  }
}
