package dev.bluegreen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line itself, in-process: parsing, errors, configuration; no API needed. */
class BluegreenCliTest {

  @TempDir Path home;

  private CliRun run(Map<String, String> env, String... args) {
    return CliRun.of(env, home, args);
  }

  /** A port nothing listens on: bound, then released. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void anApiThatIsNotThere_isOneHelpfulLine_andExitCode3() throws IOException {
    String api = "http://127.0.0.1:" + closedPort();
    CliRun run = run(Map.of(), "get", "u-1", "--api", api);
    assertEquals(ExitCodes.GAVE_UP, run.exitCode());
    assertEquals(
        "bluegreen: cannot reach the API at " + api + " (is bin/run-local running?)\n", run.err());
    assertEquals("", run.out());
  }

  @Test
  void theApi_comesFromTheEnvironment_thenTheConfigFile() throws IOException {
    String fromEnv = "http://127.0.0.1:" + closedPort();
    CliRun run = run(Map.of("BLUEGREEN_API", fromEnv), "list");
    assertTrue(run.err().contains("at " + fromEnv + " "), run.err());

    String fromFile = "http://127.0.0.1:" + closedPort();
    Path config = home.resolve(".config/bluegreen/config");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "api=" + fromFile + "\ntoken=tok-9f8e7d\ncolour=blue\n");
    run = run(Map.of(), "-o", "json", "clusters");
    assertTrue(run.err().contains("at " + fromFile + " "), run.err());
    assertTrue(run.err().contains("unknown key 'colour' ignored"), run.err());
    assertFalse(run.err().contains("tok-9f8e7d"), "the token is never shown");
  }

  @Test
  void aWrongCommandLine_isUsageAndExitCode2() {
    CliRun missing = run(Map.of(), "approve", "u-1");
    assertEquals(ExitCodes.USAGE, missing.exitCode());
    assertTrue(missing.err().contains("Missing required option: '--reason=TEXT'"), missing.err());

    CliRun badOutput = run(Map.of(), "-o", "yaml", "list");
    assertEquals(ExitCodes.USAGE, badOutput.exitCode());

    CliRun nothing = run(Map.of());
    assertEquals(ExitCodes.USAGE, nothing.exitCode());
    assertTrue(nothing.err().contains("Usage: bluegreen"), nothing.err());
  }

  @Test
  void aPlanThatIsNotAJsonObject_isRefusedBeforeAnyRequest() throws IOException {
    Path plan = home.resolve("plan.json");
    Files.writeString(plan, "[1,2]");
    CliRun run = run(Map.of(), "upgrade", "search-002", "1.33", "--plan", plan.toString());
    assertEquals(ExitCodes.USAGE, run.exitCode());
    assertEquals("bluegreen: the plan " + plan + " must be a JSON object\n", run.err());
  }

  @Test
  void versionAndHelp_workOnEveryCommand() {
    for (String command : new String[] {"watch", "approve", "timeline", "clusters"}) {
      CliRun help = run(Map.of(), command, "--help");
      assertEquals(0, help.exitCode(), command);
      assertTrue(help.out().startsWith("Usage: bluegreen " + command), help.out());
    }
    CliRun version = run(Map.of(), "watch", "--version");
    assertEquals(0, version.exitCode());
    assertTrue(version.out().startsWith("bluegreen "), version.out());
    // On clusters, --version filters by Kubernetes version; -V is the CLI's.
    CliRun clustersVersion = run(Map.of(), "clusters", "-V");
    assertTrue(clustersVersion.out().startsWith("bluegreen "), clustersVersion.out());
  }

  @Test
  void completion_isAScriptForBashAndZsh() {
    CliRun run = run(Map.of(), "generate-completion");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().contains("complete -F"), run.out().lines().findFirst().orElse(""));
    assertTrue(run.out().contains("approve"), "names the commands");
  }
}
