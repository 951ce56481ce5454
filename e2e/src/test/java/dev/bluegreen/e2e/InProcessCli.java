package dev.bluegreen.e2e;

import dev.bluegreen.cli.BluegreenCli;
import dev.bluegreen.cli.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import picocli.CommandLine;

/**
 * bin/bluegreen run in-process against a platform's API, as a person with {@code token} would run
 * it, with a home of its own (no ~/.config of whoever runs the test) and its output captured.
 */
final class InProcessCli {

  /** What a run printed and its exit code. */
  record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  private final String api;
  private final String token;
  private final Path home;
  private final String user;

  InProcessCli(String api, String token, Path home, String user) {
    this.api = api;
    this.token = token;
    this.home = home;
    this.user = user;
  }

  /** {@code bluegreen --api API ARGS...}. */
  Run run(String... args) {
    CommandLine cli =
        BluegreenCli.commandLine(
            new Environment(
                Map.of("BLUEGREEN_TOKEN", token), home.toString(), user, false, ZoneOffset.UTC));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] withApi = new String[args.length + 2];
    withApi[0] = "--api";
    withApi[1] = api;
    System.arraycopy(args, 0, withApi, 2, args.length);
    return new Run(cli.execute(withApi), out.toString(), err.toString());
  }
}
