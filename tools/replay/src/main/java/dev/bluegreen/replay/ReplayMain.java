package dev.bluegreen.replay;

import dev.bluegreen.contracts.events.Phase;
import dev.bluegreen.timeline.Format;
import dev.bluegreen.timeline.Timeline;
import dev.bluegreen.timeline.TimelineCollector;
import dev.bluegreen.upgrade.core.PhaseTimeouts;
import dev.bluegreen.upgrade.core.UpgradeDecider;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
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
 * bin/replay [--cluster NAME | --upgrade ID] --verify [--timeouts SHIFTING=PT1H,...]
 * bin/replay --denied [--cluster NAME | --upgrade ID] [--from ...] [--to ...]
 * </pre>
 *
 * <p>Exit status: 0 done (for {@code --verify}: every entry reproduced), 1 a divergence, 2 bad
 * arguments, 3 nothing diverged but some entries could not be replayed.
 */
public final class ReplayMain {

  private ReplayMain() {}

  public static void main(String[] args) throws IOException {
    int status = run(args);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the command; returns its exit status. */
  static int run(String[] args) throws IOException {
    Map<String, String> options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("replay: " + e.getMessage());
      System.err.println(usage());
      return 2;
    }
    if (options.containsKey("help")) {
      System.out.println(usage());
      return 0;
    }
    try {
      KafkaLogin.fromEnvironment();
    } catch (IllegalArgumentException e) {
      System.err.println("replay: " + e.getMessage());
      return 2;
    }
    if (options.containsKey("campaign")) {
      return campaign(options);
    }
    if (options.containsKey("denied")) {
      return denied(options);
    }
    AuditReader.Selection selection;
    Format format;
    Instant stateAt;
    PhaseTimeouts timeouts;
    try {
      // Every argument checked before reading a million records or truncating --out.
      selection =
          new AuditReader.Selection(
              options.get("upgrade"),
              options.get("cluster"),
              time(options.get("from"), "--from"),
              time(options.get("to"), "--to"));
      format = Format.named(options.getOrDefault("format", "text"));
      stateAt = time(options.get("state-at"), "--state-at");
      timeouts = timeouts(options.get("timeouts"));
    } catch (IllegalArgumentException e) {
      System.err.println("replay: " + e.getMessage());
      return 2;
    }
    AuditReader reader = new AuditReader(options.getOrDefault("bootstrap", "localhost:9092"));
    long started = System.nanoTime();
    AuditReader.Counts counts;
    int status = 0;
    try (Writer out = output(options.get("out"))) {
      if (options.containsKey("verify")) {
        // Replayed as read: only each cluster's current state is kept, never the history.
        Replayer.Run run = new Replayer(new UpgradeDecider(timeouts)).start();
        counts = reader.read(selection, run);
        Replayer.Report report = run.report();
        out.write(report.render());
        status = exitStatus(report.verdict());
      } else {
        // Only what the formats show is read and kept: not the recorded inputs.
        TimelineCollector collector = new TimelineCollector();
        counts = reader.read(selection, AuditReader.Detail.RENDERING, collector);
        List<Timeline> timelines = collector.timelines();
        if (stateAt != null) {
          out.write(stateAt(timelines, stateAt));
        } else {
          format.render(timelines, out);
          if (format != Format.HTML
              && (selection.upgradeId() != null || selection.cluster() != null)) {
            // Who was refused what on this cluster or upgrade belongs to its history too.
            List<dev.bluegreen.contracts.events.AccessDenied> denials =
                new AccessAuditReader(options.getOrDefault("bootstrap", "localhost:9092"))
                    .read(deniedSelection(options))
                    .denials();
            if (!denials.isEmpty()) {
              out.write(AccessAuditReader.render(denials, format == Format.MARKDOWN));
            }
          }
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (options.containsKey("out")) {
      System.err.println("wrote " + options.get("out"));
    }
    System.err.printf(
        "read %d audit records in %.2f s (%.0f records/s), %d lines selected, %d unreadable%n",
        counts.recordsRead(),
        seconds,
        counts.recordsRead() / Math.max(seconds, 1e-9),
        counts.selected(),
        counts.unreadable());
    return status;
  }

  /**
   * {@code --campaign ID}: reads the campaign's entries off {@code campaign.audit.v1}, replays them
   * through the campaign's decide, prints the timeline of decisions, waves and members and the
   * verdict; exits as {@code --verify} does.
   */
  static int campaign(Map<String, String> options) throws IOException {
    String id = options.get("campaign");
    long started = System.nanoTime();
    CampaignAuditReader.Result read =
        new CampaignAuditReader(options.getOrDefault("bootstrap", "localhost:9092")).read(id);
    CampaignReplayer.Report report = new CampaignReplayer().replay(id, read.entries());
    try (Writer out = output(options.get("out"))) {
      out.write(CampaignReplayer.timeline(read.entries(), report));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (options.containsKey("out")) {
      System.err.println("wrote " + options.get("out"));
    }
    System.err.printf(
        "read %d campaign audit records in %.2f s, %d of campaign %s, %d unreadable%n",
        read.recordsRead(), seconds, read.entries().size(), id, read.unreadable());
    return exitStatus(report.verdict());
  }

  /**
   * {@code --denied}: the refused attempts of signed-in people off {@code access.audit.v1}, of a
   * cluster or upgrade or all, in a time range; text or Markdown.
   */
  static int denied(Map<String, String> options) throws IOException {
    AccessAuditReader.Selection selection;
    Format format;
    try {
      selection = deniedSelection(options);
      format = Format.named(options.getOrDefault("format", "text"));
    } catch (IllegalArgumentException e) {
      System.err.println("replay: " + e.getMessage());
      return 2;
    }
    if (format == Format.HTML) {
      System.err.println("replay: --denied renders text or md");
      return 2;
    }
    AccessAuditReader.Result read =
        new AccessAuditReader(options.getOrDefault("bootstrap", "localhost:9092")).read(selection);
    try (Writer out = output(options.get("out"))) {
      out.write(AccessAuditReader.render(read.denials(), format == Format.MARKDOWN));
    }
    System.err.printf(
        "read %d access audit records, %d selected, %d unreadable%n",
        read.recordsRead(), read.denials().size(), read.unreadable());
    return 0;
  }

  static AccessAuditReader.Selection deniedSelection(Map<String, String> options) {
    return new AccessAuditReader.Selection(
        options.get("upgrade"),
        options.get("cluster"),
        time(options.get("from"), "--from"),
        time(options.get("to"), "--to"));
  }

  /** Where the rendering goes: the file {@code --out} names, or stdout; UTF-8, buffered. */
  private static Writer output(String file) throws IOException {
    if (file != null) {
      return Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8);
    }
    // Flushed, never closed: stdout stays usable for the JVM.
    return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16) {
      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }

  /** {@code --verify} of a read that kept its lines: replays them, in log order, through decide. */
  static Replayer.Report verify(AuditReader.Result result, String timeouts) {
    return new Replayer(new UpgradeDecider(timeouts(timeouts))).replayLines(result.inLogOrder());
  }

  /** The exit status for a verdict: 0 reproduced, 1 diverged, 3 incomplete. */
  static int exitStatus(Replayer.Verdict verdict) {
    return switch (verdict) {
      case REPRODUCED -> 0;
      case DIVERGED -> 1;
      case INCOMPLETE -> 3;
    };
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
      if (arg.equals("--verify")) {
        options.put("verify", "");
        continue;
      }
      if (arg.equals("--denied")) {
        options.put("denied", "");
        continue;
      }
      if (!arg.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      if (!List.of(
              "bootstrap",
              "campaign",
              "upgrade",
              "cluster",
              "from",
              "to",
              "format",
              "out",
              "state-at",
              "timeouts")
          .contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
      options.put(name, args[++i]);
    }
    if (options.containsKey("campaign")) {
      for (String other : options.keySet()) {
        if (!List.of("campaign", "bootstrap", "out", "help").contains(other)) {
          throw new IllegalArgumentException(
              "--campaign replays a whole campaign and takes only --bootstrap and --out, not --"
                  + other);
        }
      }
    }
    if (options.containsKey("denied")) {
      for (String other : List.of("campaign", "verify", "state-at", "timeouts")) {
        if (options.containsKey(other)) {
          throw new IllegalArgumentException("--denied lists refused attempts; no --" + other);
        }
      }
    }
    if (options.containsKey("state-at")
        && !options.containsKey("cluster")
        && !options.containsKey("upgrade")) {
      throw new IllegalArgumentException("--state-at needs --cluster or --upgrade");
    }
    if (options.containsKey("verify")
        && (options.containsKey("from") || options.containsKey("to"))) {
      // decide starts each cluster from no state: a history cut at --from does not replay.
      throw new IllegalArgumentException("--verify replays whole histories: no --from or --to");
    }
    if (options.containsKey("timeouts") && !options.containsKey("verify")) {
      throw new IllegalArgumentException("--timeouts only applies to --verify");
    }
    return options;
  }

  /**
   * The phase timeouts the orchestrator ran with: its defaults, with {@code PHASE=DURATION} pairs
   * (comma-separated, ISO-8601 durations) overriding some, as its configuration would.
   */
  static PhaseTimeouts timeouts(String value) {
    if (value == null || value.isBlank()) {
      return PhaseTimeouts.defaults();
    }
    Map<Phase, Duration> d = new EnumMap<>(Phase.class);
    for (String pair : value.split(",")) {
      String[] kv = pair.trim().split("=", 2);
      try {
        d.put(Phase.valueOf(kv[0].trim()), Duration.parse(kv[1].trim()));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "--timeouts '" + pair + "' is not PHASE=DURATION like SHIFTING=PT1H");
      }
    }
    return PhaseTimeouts.defaults().with(d);
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
               bin/replay [--cluster NAME | --upgrade ID] --verify [--timeouts PHASE=DURATION,...]
               bin/replay --campaign ID [--out FILE]
               bin/replay --denied [--cluster NAME | --upgrade ID] [--from INSTANT] [--to INSTANT]
                          [--format text|md] [--out FILE]
        Reads the audit topic (upgrade.audit.v1) and renders a timeline per upgrade; for a
        --cluster or --upgrade, the refused attempts on it (access.audit.v1) follow (text, md).
        --denied lists the refused attempts of signed-in people alone: who, what, why.
        --campaign reads campaign.audit.v1, replays the campaign through its decide and prints its
        decisions, waves and members, and REPRODUCED or DIVERGED (exit 0, 1; 3 incomplete).
        --verify feeds the recorded inputs through decide again and reports the first divergence
        (exit 1), or entries it could not replay (exit 3).
        Kafka login: BLUEGREEN_KAFKA_SECURITY_PROTOCOL (SASL_PLAINTEXT, SASL_SSL),
        BLUEGREEN_KAFKA_USERNAME (default replay, read-only), BLUEGREEN_KAFKA_PASSWORD; bin/replay
        sets them for the local run's broker by itself.""";
  }
}
