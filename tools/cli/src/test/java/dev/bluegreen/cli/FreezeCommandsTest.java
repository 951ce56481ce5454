package dev.bluegreen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The freeze commands over real HTTP, in-process, against a {@link ScriptedApi}: what is sent, what
 * is printed, the exit code. The API itself is tested in the orchestrator (UpgradeApiTest).
 */
class FreezeCommandsTest {

  @TempDir Path home;

  private ScriptedApi api;
  private List<String> requests;

  private static final String FREEZE =
      "{\"freezeId\":\"inc-42\",\"from\":\"2026-12-07T10:00:00Z\",\"to\":\"2026-12-07T14:00:00Z\","
          + "\"reason\":\"payments incident\",\"standing\":\"IN_EFFECT\",\"declaredBy\":\"alice\","
          + "\"declaredAt\":\"2026-12-07T10:00:00Z\"}";

  @BeforeEach
  void serve() throws IOException {
    api = new ScriptedApi();
    requests = api.requests();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private CliRun run(String... args) {
    return api.run(home, args);
  }

  @Test
  void declare_putsTheEndAndReason_andPrintsTheFreeze() {
    api.answer("PUT /freezes/inc-42", 201, FREEZE);
    CliRun r =
        run(
            "freeze",
            "declare",
            "inc-42",
            "--from",
            "2026-12-07T10:00:00Z",
            "--for",
            "4h",
            "--reason",
            "payments incident");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(
        List.of(
            "PUT /freezes/inc-42 {\"from\":\"2026-12-07T10:00:00Z\",\"to\":\"2026-12-07T14:00:00Z\","
                + "\"reason\":\"payments incident\"}"),
        requests);
    assertTrue(r.out().contains("inc-42  IN_EFFECT"), r.out());
    assertTrue(r.out().contains("reason    payments incident"), r.out());
  }

  @Test
  void declare_withoutAnEnd_isAUsageErrorBeforeAnyRequest() {
    CliRun r = run("freeze", "declare", "inc-42", "--reason", "x");
    assertEquals(ExitCodes.USAGE, r.exitCode());
    assertTrue(r.err().contains("--to TIME or --for DURATION"), r.err());
    assertEquals(List.of(), requests);
    assertEquals(ExitCodes.USAGE, run("freeze", "declare", "x", "--for", "soon").exitCode());
    assertEquals(ExitCodes.USAGE, run("freeze", "declare", "x", "--to", "tomorrow").exitCode());
  }

  @Test
  void list_printsATable_andLiftDeletes() {
    api.answer("GET /freezes", "[" + FREEZE + "]");
    CliRun list = run("freeze", "list");
    assertEquals(0, list.exitCode(), list.err());
    assertTrue(list.out().startsWith("ID "), list.out());
    assertTrue(
        list.out().contains("inc-42  IN_EFFECT  2026-12-07 10:00  2026-12-07 14:00"), list.out());

    api.answer(
        "DELETE /freezes/inc-42",
        FREEZE
            .replace("IN_EFFECT", "LIFTED")
            .replace("}", ",\"liftedBy\":\"alice\",\"liftedAt\":\"2026-12-07T11:00:00Z\"}"));
    CliRun lift = run("freeze", "lift", "inc-42");
    assertEquals(0, lift.exitCode(), lift.err());
    assertTrue(lift.out().contains("lifted    by alice"), lift.out());
  }

  @Test
  void aRefusal_printsTheProblem_andExitsNonZero() {
    api.answer(
        "PUT /freezes/inc-42",
        403,
        "{\"title\":\"Forbidden\",\"status\":403,\"detail\":\"paul may not freeze.declare: only"
            + " platform admins may\"}");
    CliRun r = run("freeze", "declare", "inc-42", "--to", "2026-12-08T00:00:00Z");
    assertTrue(r.exitCode() != 0);
    assertTrue(r.err().contains("only platform admins may"), r.err());
  }

  @Test
  void shortDurations_areMinutesHoursOrDays() {
    assertEquals(Duration.ofMinutes(90), FreezeCommands.duration("90m"));
    assertEquals(Duration.ofDays(3), FreezeCommands.duration("3d"));
    assertEquals(Duration.ofHours(4), FreezeCommands.duration("PT4H"));
    assertEquals(
        Instant.parse("2027-01-04T00:00:00Z"),
        FreezeCommands.instant("--to", "2027-01-04T00:00:00Z"));
  }
}
