package dev.bluegreen.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bluegreen.contracts.TopicSpec;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.testkit.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs every benchmark on one broker in one JVM, prints each figure with its baseline and ratio,
 * and writes {@code bench/target/results.json} and {@code bench/target/results.md}.
 *
 * <p>Usage: {@code bin/bench [records]} (default 200,000 records).
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    Path out = Path.of(args.length > 1 ? args[1] : "bench/target");
    List<Figure> figures = new ArrayList<>();
    try (KafkaBroker broker = KafkaBroker.start()) {
      TopicSpec topic =
          new TopicSpec("bench.baseline.v1", null, Topics.PARTITIONS, Optional.empty(), "B_cons");
      broker.createTopics(List.of(topic));
      int size = BrokerBaseline.fill(broker, topic, records, 1_000);
      // Warm the JIT and the page cache once, then measure.
      BrokerBaseline.consume(broker, topic, records);
      double rate = BrokerBaseline.consume(broker, topic, records);
      figures.add(
          Figure.baseline(
              "B_cons",
              rate,
              "records/s",
              String.format(
                  Locale.ROOT,
                  "plain kafka-clients consumer, %d keyed records of %d B, 6 partitions, acks=all idempotent fill",
                  records,
                  size)));
      Figure baseline = figures.get(0);

      int auditEntries = Integer.getInteger("bench.replay.entries", 1_000_000);
      long fillStart = System.nanoTime();
      ReplayBench.Filled filled = ReplayBench.fillAudit(broker.bootstrapServers(), auditEntries);
      System.out.printf(
          Locale.ROOT,
          "filled the audit topic with %d entries (%d B bodies) in %.1f s%n",
          filled.entries(),
          filled.bytes(),
          (System.nanoTime() - fillStart) / 1e9);
      for (ReplayBench.Measured m :
          List.of(
              ReplayBench.wholeTopicTimeline(broker.bootstrapServers(), filled),
              ReplayBench.verifyAll(broker.bootstrapServers(), filled),
              ReplayBench.oneUpgrade(broker.bootstrapServers(), filled),
              ReplayBench.oneCluster(broker.bootstrapServers(), filled),
              ReplayBench.command(
                  broker.bootstrapServers(),
                  filled,
                  "bin/replay --format text",
                  "--format",
                  "text"),
              ReplayBench.command(
                  broker.bootstrapServers(), filled, "bin/replay --verify", "--verify"),
              ReplayBench.command(
                  broker.bootstrapServers(),
                  filled,
                  "bin/replay --upgrade",
                  "--upgrade",
                  filled.someUpgrade(),
                  "--format",
                  "md"))) {
        figures.add(
            Figure.against(
                baseline,
                "replay: " + m.what(),
                filled.entries() / m.seconds(),
                "entries/s",
                String.format(
                    Locale.ROOT,
                    "%.1f s over %d audit entries of %d B (%d selected), %s, load average %s",
                    m.seconds(),
                    filled.entries(),
                    filled.bytes(),
                    m.selected(),
                    m.heap(),
                    m.load())));
      }
    }
    report(figures, out);
  }

  /** The machine's load averages (1, 5, 15 min), e.g. when a figure was taken. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return String.format(
          Locale.ROOT,
          "%.2f",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static void report(List<Figure> figures, Path out) throws Exception {
    Files.createDirectories(out);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("measuredAt", Instant.now().toString());
    root.put(
        "machine",
        Runtime.getRuntime().availableProcessors()
            + " cores, max heap "
            + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + " MiB");
    root.put("java", System.getProperty("java.version"));
    ArrayNode list = root.putArray("figures");
    StringBuilder md =
        new StringBuilder(
            "| figure | value | baseline | ratio | how |\n| --- | --- | --- | --- | --- |\n");
    for (Figure f : figures) {
      ObjectNode n = list.addObject();
      n.put("name", f.name());
      n.put("value", f.value());
      n.put("unit", f.unit());
      if (f.baseline() != null) {
        n.put("baseline", f.baseline());
        n.put("ratio", f.ratio());
      }
      n.put("note", f.note());
      String ratio = f.baseline() == null ? "—" : String.format(Locale.ROOT, "%.3f", f.ratio());
      String line =
          String.format(
              Locale.ROOT,
              "%-12s %14.1f %-10s baseline %-8s ratio %s  (%s)",
              f.name(),
              f.value(),
              f.unit(),
              f.baseline() == null ? "—" : f.baseline(),
              ratio,
              f.note());
      System.out.println(line);
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f %s | %s | %s | %s |%n",
              f.name(),
              f.value(),
              f.unit(),
              f.baseline() == null ? "—" : f.baseline(),
              ratio,
              f.note()));
    }
    json.writeValue(out.resolve("results.json").toFile(), root);
    Files.writeString(out.resolve("results.md"), md.toString());
    System.out.println(
        "wrote " + out.resolve("results.json") + " and " + out.resolve("results.md"));
  }
}
