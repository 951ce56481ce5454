package dev.bluegreen.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line: renders the audit history of an upgrade, a cluster or a time range, or tells the
 * state of a cluster at a moment.
 *
 * <pre>
 * bin/replay [--bootstrap localhost:9092] [--upgrade ID] [--cluster NAME]
 *            [--from 2026-11-25T09:00:00Z] [--to ...] [--format text|md|html] [--out FILE]
 * bin/replay --cluster NAME --state-at 2026-11-25T10:00:00Z
 * </pre>
 */
public final class ReplayMain {

  private ReplayMain() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("replay: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
      return;
    }
    if (options.containsKey("help")) {
      System.out.println(usage());
      return;
    }
    try {
      AuditReader.Selection selection =
          new AuditReader.Selection(
              options.get("upgrade"),
              options.get("cluster"),
              time(options.get("from"), "--from"),
              time(options.get("to"), "--to"));
      String bootstrap = options.getOrDefault("bootstrap", "localhost:9092");
      long started = System.nanoTime();
      AuditReader.Result result = new AuditReader(bootstrap).read(selection);
      double seconds = (System.nanoTime() - started) / 1e9;
      List<Timeline> timelines = Timeline.byUpgrade(result.lines());
      String rendered;
      if (options.containsKey("state-at")) {
        rendered = stateAt(timelines, time(options.get("state-at"), "--state-at"));
      } else {
        rendered = Format.named(options.getOrDefault("format", "text")).render(timelines);
      }
      if (options.containsKey("out")) {
        Files.writeString(Path.of(options.get("out")), rendered);
        System.err.println("wrote " + options.get("out"));
      } else {
        System.out.print(rendered);
      }
      System.err.printf(
          "read %d audit records in %.2f s (%.0f records/s), %d lines selected, %d unreadable%n",
          result.recordsRead(),
          seconds,
          result.recordsRead() / Math.max(seconds, 1e-9),
          result.lines().size(),
          result.unreadable());
    } catch (IllegalArgumentException e) {
      System.err.println("replay: " + e.getMessage());
      System.exit(2);
    }
  }

  static String stateAt(List<Timeline> timelines, Instant at) {
    StringBuilder out = new StringBuilder();
    for (Timeline t : timelines) {
      out.append(t.cluster())
          .append(" upgrade ")
          .append(t.upgradeId())
          .append(" at ")
          .append(at)
          .append(": ")
          .append(t.stateAt(at).map(Enum::name).orElse("not started"))
          .append('\n');
    }
    return out.isEmpty() ? "no upgrade found for that selection\n" : out.toString();
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        options.put("help", "");
        continue;
      }
      if (!arg.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      if (!List.of("bootstrap", "upgrade", "cluster", "from", "to", "format", "out", "state-at")
          .contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
      options.put(name, args[++i]);
    }
    if (options.containsKey("state-at")
        && !options.containsKey("cluster")
        && !options.containsKey("upgrade")) {
      throw new IllegalArgumentException("--state-at needs --cluster or --upgrade");
    }
    return options;
  }

  static Instant time(String value, String option) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option + " '" + value + "' is not an ISO-8601 instant like 2026-11-25T09:00:00Z");
    }
  }

  static String usage() {
    return """
        usage: bin/replay [--bootstrap HOST:PORT] [--upgrade ID] [--cluster NAME]
                          [--from INSTANT] [--to INSTANT] [--format text|md|html] [--out FILE]
               bin/replay (--cluster NAME | --upgrade ID) --state-at INSTANT
        Reads the audit topic (upgrade.audit.v1) and renders a timeline per upgrade.""";
  }
}
