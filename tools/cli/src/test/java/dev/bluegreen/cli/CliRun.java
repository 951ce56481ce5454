package dev.bluegreen.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import picocli.CommandLine;

/**
 * One run of the CLI in-process, as the tests make it: {@code env} its environment, {@code home}
 * its home (no ~/.config of whoever runs the test), never a terminal, times in UTC.
 *
 * @param exitCode what it exited with
 * @param out what it printed to stdout
 * @param err what it printed to stderr
 */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(Map<String, String> env, Path home, String... args) {
    CommandLine cli =
        BluegreenCli.commandLine(
            new Environment(env, home.toString(), "tester", false, ZoneOffset.UTC));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
