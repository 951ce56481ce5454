package dev.bluegreen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The freeze commands over real HTTP, in-process, against a scripted API: what is sent, what is
 * printed, the exit code. The API itself is tested in the orchestrator (UpgradeApiTest).
 */
class FreezeCommandsTest {

  @TempDir Path home;

  private HttpServer server;
  private final Map<String, String> answers = new ConcurrentHashMap<>();
  private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  record Run(int exitCode, String out, String err) {}

  private static final String FREEZE =
      "{\"freezeId\":\"inc-42\",\"from\":\"2026-12-07T10:00:00Z\",\"to\":\"2026-12-07T14:00:00Z\","
          + "\"reason\":\"payments incident\",\"standing\":\"IN_EFFECT\",\"declaredBy\":\"alice\","
          + "\"declaredAt\":\"2026-12-07T10:00:00Z\"}";

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String key = exchange.getRequestMethod() + " " + exchange.getRequestURI();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(key + (body.isEmpty() ? "" : " " + body));
          String answer = answers.get(key);
          int status = answer == null ? 404 : statuses.getOrDefault(key, 200);
          byte[] bytes =
              (answer == null
                      ? "{\"title\":\"Not found\",\"status\":404,\"detail\":\"no " + key + "\"}"
                      : answer)
                  .getBytes(StandardCharsets.UTF_8);
          exchange
              .getResponseHeaders()
              .add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Run run(String... args) {
    CommandLine cli =
        BluegreenCli.commandLine(
            new Environment(
                Map.of("BLUEGREEN_API", "http://127.0.0.1:" + server.getAddress().getPort()),
                home.toString(),
                "tester",
                false,
                ZoneOffset.UTC));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void declare_putsTheEndAndReason_andPrintsTheFreeze() {
    answers.put("PUT /freezes/inc-42", FREEZE);
    statuses.put("PUT /freezes/inc-42", 201);
    Run r =
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
    Run r = run("freeze", "declare", "inc-42", "--reason", "x");
    assertEquals(ExitCodes.USAGE, r.exitCode());
    assertTrue(r.err().contains("--to TIME or --for DURATION"), r.err());
    assertEquals(List.of(), requests);
    assertEquals(ExitCodes.USAGE, run("freeze", "declare", "x", "--for", "soon").exitCode());
    assertEquals(ExitCodes.USAGE, run("freeze", "declare", "x", "--to", "tomorrow").exitCode());
  }

  @Test
  void list_printsATable_andLiftDeletes() {
    answers.put("GET /freezes", "[" + FREEZE + "]");
    Run list = run("freeze", "list");
    assertEquals(0, list.exitCode(), list.err());
    assertTrue(list.out().startsWith("ID "), list.out());
    assertTrue(
        list.out().contains("inc-42  IN_EFFECT  2026-12-07 10:00  2026-12-07 14:00"), list.out());

    answers.put(
        "DELETE /freezes/inc-42",
        FREEZE
            .replace("IN_EFFECT", "LIFTED")
            .replace("}", ",\"liftedBy\":\"alice\",\"liftedAt\":\"2026-12-07T11:00:00Z\"}"));
    Run lift = run("freeze", "lift", "inc-42");
    assertEquals(0, lift.exitCode(), lift.err());
    assertTrue(lift.out().contains("lifted    by alice"), lift.out());
  }

  @Test
  void aRefusal_printsTheProblem_andExitsNonZero() {
    answers.put(
        "PUT /freezes/inc-42",
        "{\"title\":\"Forbidden\",\"status\":403,\"detail\":\"paul may not freeze.declare: only"
            + " platform admins may\"}");
    statuses.put("PUT /freezes/inc-42", 403);
    Run r = run("freeze", "declare", "inc-42", "--to", "2026-12-08T00:00:00Z");
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
