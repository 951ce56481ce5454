package dev.bluegreen.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bluegreen.contracts.TopicSpec;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.testkit.KafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Runs every benchmark on one broker in one JVM, prints each figure with its baseline and ratio,
 * and writes {@code bench/target/results.json} and {@code bench/target/results.md}.
 *
 * <p>Usage: {@code bin/bench [records]} (default 200,000 records). A figure that cannot be measured
 * (a stage throws, or runs out of memory) is reported as FAILED with the reason and the run goes
 * on, so one broken stage never hides the others.
 *
 * <p>System properties: {@code bench.only} (comma-separated stages: orchestrator, latency,
 * footprint, fleet, overhead, replay, and campaign, which runs only when named; B_cons always
 * runs), {@code bench.orchestrator.clusters}, {@code bench.latency.seconds}, {@code
 * bench.replay.entries}, and those of {@link PlatformBench} and {@link CampaignBench} ({@code
 * bench.campaign.clusters}, {@code bench.campaign.concurrency}, {@code
 * bench.campaign.timeout.seconds}).
 */
public final class BenchMain {

  private BenchMain() {}

  /**
   * Stages that run only when {@code bench.only} names them: the campaign over 1,000 clusters takes
   * ~10 minutes on its own, as long as every other stage together (README: the whole run's budget).
   */
  private static final Set<String> ON_REQUEST = Set.of("campaign");

  /** The exactly-once maximum the orchestrator stage measured, for the latency stage's rate. */
  private static double measuredEosMax = Double.NaN;

  /** A stage of the run that produces figures. */
  private interface Stage {
    void run(List<Figure> figures) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    Path out = Path.of(args.length > 1 ? args[1] : "bench/target");
    Set<String> only =
        Arrays.stream(System.getProperty("bench.only", "").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet());
    Map<String, String> load = new LinkedHashMap<>();
    load.put("start", uptime());
    List<Figure> figures = new ArrayList<>();
    long runStart = System.nanoTime();
    try (KafkaBroker broker = KafkaBroker.start()) {
      TopicSpec topic =
          new TopicSpec("bench.baseline.v1", null, Topics.PARTITIONS, Optional.empty(), "B_cons");
      broker.createTopics(List.of(topic));
      int size = BrokerBaseline.fill(broker, topic, records, 1_000);
      // Warm the JIT and the page cache once, then measure.
      BrokerBaseline.consume(broker, topic, records);
      double rate = BrokerBaseline.consume(broker, topic, records);
      Figure bCons =
          Figure.baseline(
              "B_cons",
              rate,
              "records/s",
              String.format(
                  Locale.ROOT,
                  "plain kafka-clients consumer, %d keyed records of %d B, 6 partitions, acks=all idempotent fill",
                  records,
                  size));
      figures.add(bCons);
      print(bCons);

      Map<String, Stage> stages = new LinkedHashMap<>();
      stages.put("orchestrator", f -> orchestrator(broker, bCons, f));
      stages.put("latency", f -> latency(broker, f));
      stages.put("footprint", f -> PlatformBench.footprint(broker, f));
      stages.put("fleet", f -> PlatformBench.fleet(broker, f));
      stages.put("overhead", f -> PlatformBench.overhead(broker, f));
      stages.put("replay", f -> replay(broker, bCons, f));
      stages.put("campaign", f -> CampaignBench.campaign(broker, f));
      for (Map.Entry<String, Stage> stage : stages.entrySet()) {
        boolean wanted =
            only.isEmpty() ? !ON_REQUEST.contains(stage.getKey()) : only.contains(stage.getKey());
        if (!wanted) {
          continue;
        }
        int before = figures.size();
        long t = System.nanoTime();
        try {
          stage.getValue().run(figures);
        } catch (Exception | Error e) {
          // One stage failing (a timeout, the replay's OutOfMemoryError) must not lose the others.
          figures.add(Figure.failed(stage.getKey(), "", e));
        }
        figures.subList(before, figures.size()).forEach(BenchMain::print);
        System.out.printf(
            Locale.ROOT,
            "  (stage %s took %.1f s; load %s)%n",
            stage.getKey(),
            (System.nanoTime() - t) / 1e9,
            loadAverage());
      }
    }
    load.put("end", uptime());
    report(figures, load, (System.nanoTime() - runStart) / 1e9, out);
  }

  private static void orchestrator(KafkaBroker broker, Figure bCons, List<Figure> figures)
      throws Exception {
    int clusters = Integer.getInteger("bench.orchestrator.clusters", 1_000);
    OrchestratorBench.Throughput eos =
        OrchestratorBench.throughput(broker, StreamsConfig.EXACTLY_ONCE_V2, clusters);
    Figure eosFigure =
        Figure.against(
            bCons,
            "orchestrator_eos",
            eos.perSecond(),
            "transitions/s",
            String.format(
                Locale.ROOT,
                "UpgradeTopology (exactly_once_v2, commit 100 ms) deciding %d pre-generated facts of %d clusters, audit writes included: %.1f s, %d rejected",
                eos.transitions(),
                clusters,
                eos.seconds(),
                eos.rejected()));
    figures.add(eosFigure);
    measuredEosMax = eos.perSecond();
    OrchestratorBench.Throughput alo =
        OrchestratorBench.throughput(broker, StreamsConfig.AT_LEAST_ONCE, clusters);
    Figure aloFigure =
        Figure.against(
            bCons,
            "orchestrator_alo",
            alo.perSecond(),
            "transitions/s",
            String.format(
                Locale.ROOT,
                "the same with at_least_once: %d facts, %.1f s, %d rejected",
                alo.transitions(),
                alo.seconds(),
                alo.rejected()));
    figures.add(aloFigure);
    figures.add(
        Figure.against(
            aloFigure,
            "exactly_once_cost",
            eos.perSecond(),
            "transitions/s",
            "exactly_once_v2 throughput as a share of at_least_once (ratio < 1: what exactly-once costs)"));
  }

  private static void latency(KafkaBroker broker, List<Figure> figures) throws Exception {
    double seconds = Double.parseDouble(System.getProperty("bench.latency.seconds", "10"));
    // Half the measured maximum: the orchestrator stage's, or a short run of its own.
    int clusters = Integer.getInteger("bench.latency.probe.clusters", 500);
    double max =
        Double.isNaN(measuredEosMax)
            ? OrchestratorBench.throughput(broker, StreamsConfig.EXACTLY_ONCE_V2, clusters)
                .perSecond()
            : measuredEosMax;
    double rate = max / 2;
    TopicSpec topic =
        new TopicSpec("bench.latency.v1", null, Topics.PARTITIONS, Optional.empty(), "B_lat");
    broker.createTopics(List.of(topic));
    OrchestratorBench.Latency base = OrchestratorBench.brokerLatency(broker, topic, rate, seconds);
    String baseNote =
        String.format(
            Locale.ROOT,
            "broker alone: fact-sized records produced (acks=all) at %.0f/s for %.0f s and read back read_committed, from intended send times; %d samples",
            rate,
            base.seconds(),
            base.samples());
    Figure b50 = Figure.baseline("B_lat_p50", base.p50Ms(), "ms", baseNote);
    Figure b99 = Figure.baseline("B_lat_p99", base.p99Ms(), "ms", baseNote);
    figures.add(b50);
    figures.add(b99);
    OrchestratorBench.Latency lat =
        OrchestratorBench.latency(broker, StreamsConfig.EXACTLY_ONCE_V2, rate, seconds);
    String note =
        String.format(
            Locale.ROOT,
            "fact (or request) written -> next command readable (read_committed), exactly_once_v2, %.0f inputs/s = half the measured max %.0f/s, for %.0f s, from intended send times (no coordinated omission); %d samples; ratio = times the broker alone",
            rate,
            max,
            lat.seconds(),
            lat.samples());
    figures.add(Figure.against(b50, "fact_to_command_p50", lat.p50Ms(), "ms", note));
    figures.add(Figure.against(b99, "fact_to_command_p99", lat.p99Ms(), "ms", note));
  }

  private static void replay(KafkaBroker broker, Figure bCons, List<Figure> figures)
      throws Exception {
    // 300,000 (was 1,000,000, then 500,000): the fleet of 1,000 takes ~5 minutes and the whole
    // run must stay under 10 (it came to 9:44 with 500,000); entries/s are per entry, comparable
    // across sizes, and 300,000 still take each measurement seconds.
    int auditEntries = Integer.getInteger("bench.replay.entries", 300_000);
    // The orchestrator stages wrote audit entries; the replay reads the whole topic.
    OrchestratorBench.freshTopics(broker);
    String bootstrap = broker.bootstrapServers();
    long fillStart = System.nanoTime();
    ReplayBench.Filled filled = ReplayBench.fillAudit(bootstrap, auditEntries);
    System.out.printf(
        Locale.ROOT,
        "filled the audit topic with %d entries (%d B bodies) in %.1f s%n",
        filled.entries(),
        filled.bytes(),
        (System.nanoTime() - fillStart) / 1e9);
    String load = loadAverage();
    List<ThrowingSupplier> measurements =
        List.of(
            () -> ReplayBench.wholeTopicTimeline(bootstrap, filled),
            () -> ReplayBench.verifyAll(bootstrap, filled),
            () -> ReplayBench.oneUpgrade(bootstrap, filled),
            () -> ReplayBench.oneCluster(bootstrap, filled),
            () ->
                ReplayBench.command(
                    bootstrap, filled, "bin/replay --format text", "--format", "text"),
            () -> ReplayBench.command(bootstrap, filled, "bin/replay --verify", "--verify"),
            () ->
                ReplayBench.command(
                    bootstrap,
                    filled,
                    "bin/replay --upgrade",
                    "--upgrade",
                    filled.someUpgrade(),
                    "--format",
                    "md"));
    for (ThrowingSupplier measure : measurements) {
      ReplayBench.Measured m;
      try {
        m = measure.get();
      } catch (Exception | Error e) {
        figures.add(Figure.failed("replay", "entries/s", e));
        continue;
      }
      figures.add(
          Figure.against(
              bCons,
              "replay: " + m.what(),
              filled.entries() / m.seconds(),
              "entries/s",
              String.format(
                  Locale.ROOT,
                  "%.1f s over %d audit entries of %d B (%d selected), %s, load %s",
                  m.seconds(),
                  filled.entries(),
                  filled.bytes(),
                  m.selected(),
                  m.heap(),
                  load)));
    }
  }

  /** One replay measurement, which may fail on its own. */
  private interface ThrowingSupplier {
    ReplayBench.Measured get() throws Exception;
  }

  /** The machine's load right now, as {@code uptime} prints it. */
  static String uptime() {
    try {
      Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor();
      return text;
    } catch (IOException e) {
      return "load average " + loadAverage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "load average " + loadAverage();
    }
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String line(Figure f) {
    String ratio = f.baseline() == null ? "—" : String.format(Locale.ROOT, "%.3f", f.ratio());
    return String.format(
        Locale.ROOT,
        "%-22s %14s %-13s baseline %-18s ratio %-7s (%s)",
        f.name(),
        f.measured() ? String.format(Locale.ROOT, "%.1f", f.value()) : "—",
        f.unit(),
        f.baseline() == null ? "—" : f.baseline(),
        ratio,
        f.note());
  }

  private static void print(Figure f) {
    System.out.println(line(f));
  }

  private static void report(
      List<Figure> figures, Map<String, String> load, double seconds, Path out) throws Exception {
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
    root.put("runSeconds", Math.round(seconds * 10) / 10.0);
    ObjectNode uptime = root.putObject("uptime");
    load.forEach(uptime::put);
    ArrayNode list = root.putArray("figures");
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "Run of %.0f s. ", seconds));
    md.append("`uptime` before: `").append(load.get("start")).append("`; after: `");
    md.append(load.get("end")).append("`.\n\n");
    md.append("| figure | value | baseline | ratio | how |\n| --- | --- | --- | --- | --- |\n");
    for (Figure f : figures) {
      ObjectNode n = list.addObject();
      n.put("name", f.name());
      if (f.measured()) {
        n.put("value", f.value());
      } else {
        n.putNull("value");
      }
      n.put("unit", f.unit());
      if (f.baseline() != null) {
        n.put("baseline", f.baseline());
        if (Double.isNaN(f.ratio())) {
          n.putNull("ratio");
        } else {
          n.put("ratio", f.ratio());
        }
      }
      n.put("note", f.note());
      String ratio =
          f.baseline() == null || Double.isNaN(f.ratio())
              ? "—"
              : String.format(Locale.ROOT, "%.3f", f.ratio());
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s %s | %s | %s | %s |%n",
              f.name(),
              f.measured() ? String.format(Locale.ROOT, "%.1f", f.value()) : "—",
              f.unit(),
              f.baseline() == null ? "—" : f.baseline(),
              ratio,
              f.note().replace("|", "/")));
    }
    json.writeValue(out.resolve("results.json").toFile(), root);
    Files.writeString(out.resolve("results.md"), md.toString());
    System.out.println("uptime before: " + load.get("start"));
    System.out.println("uptime after:  " + load.get("end"));
    System.out.println(
        "wrote " + out.resolve("results.json") + " and " + out.resolve("results.md"));
  }
}
