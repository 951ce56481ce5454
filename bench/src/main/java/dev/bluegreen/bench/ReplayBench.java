package dev.bluegreen.bench;

import dev.bluegreen.contracts.CloudEventHeaders;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.replay.AuditReader;
import dev.bluegreen.replay.CapturedRecords;
import dev.bluegreen.replay.Replayer;
import dev.bluegreen.timeline.Format;
import dev.bluegreen.timeline.Timeline;
import dev.bluegreen.timeline.TimelineCollector;
import dev.bluegreen.upgrade.core.PhaseTimeouts;
import dev.bluegreen.upgrade.core.UpgradeDecider;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Replay over a long audit topic: the whole-topic timeline, a selective read (one upgrade, one
 * cluster) and {@code --verify}, each as {@code bin/replay} runs it (streamed, rendered to a
 * writer).
 *
 * <p>The history is real: the audit records of a manual rollback captured from an end-to-end run
 * ({@code tools/replay/src/test/resources/histories/manual-rollback.jsonl}, with the inputs decide
 * saw), copied once per cluster with the cluster and upgrade renamed, so every entry has the size
 * of a real one and {@code --verify} replays every cluster through the real decide.
 */
final class ReplayBench {

  /** The captured history the audit topic is filled with, relative to the repository root. */
  static final Path CAPTURE =
      Path.of("tools/replay/src/test/resources/histories/manual-rollback.jsonl");

  /** The filled topic: how many entries, and one upgrade and one cluster to select. */
  record Filled(int entries, int bytes, String someUpgrade, String someCluster) {}

  /** One replay measured. */
  record Measured(double seconds, long selected, String heap, String what, String load) {
    double rate() {
      return selected / seconds;
    }
  }

  private ReplayBench() {}

  /**
   * Writes {@code count} audit entries to the audit topic: the captured rollback history, again and
   * again, each copy as another cluster's upgrade ({@code bench-00001}, upgrade {@code
   * 00000001-…}).
   */
  static Filled fillAudit(String bootstrapServers, int count) {
    List<CapturedRecords.Captured> history = CapturedRecords.read(CAPTURE);
    String cluster = history.get(0).key();
    // decide names green after the upgrade id's first 8 characters (search-011-g6b6a3e45): a copy
    // renames that prefix everywhere, so every copy replays through decide as the original did.
    String prefix = history.get(0).headers().get(CloudEventHeaders.CORRELATION_ID).substring(0, 8);
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    long bytes = 0;
    String someUpgrade = null;
    String someCluster = null;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      for (int i = 0; i < count; i++) {
        int copy = i / history.size();
        CapturedRecords.Captured r = history.get(i % history.size());
        String asCluster = String.format(Locale.ROOT, "bench-%05d", copy);
        String asPrefix = String.format(Locale.ROOT, "%08x", copy);
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
          String renamed = rename(h.getValue(), cluster, asCluster, prefix, asPrefix);
          headers.add(h.getKey(), renamed.getBytes(StandardCharsets.UTF_8));
          if (copy == count / history.size() / 2
              && h.getKey().equals(CloudEventHeaders.CORRELATION_ID)) {
            someUpgrade = renamed;
            someCluster = asCluster;
          }
        }
        String value = new String(r.value(), StandardCharsets.UTF_8);
        byte[] renamed =
            rename(value, cluster, asCluster, prefix, asPrefix).getBytes(StandardCharsets.UTF_8);
        bytes += renamed.length;
        producer.send(new ProducerRecord<>(Topics.AUDIT.name(), null, asCluster, renamed, headers));
      }
      producer.flush();
    }
    return new Filled(count, (int) (bytes / Math.max(1, count)), someUpgrade, someCluster);
  }

  private static String rename(
      String s, String cluster, String asCluster, String prefix, String asPrefix) {
    return s.replace(prefix, asPrefix).replace(cluster, asCluster);
  }

  /** {@code bin/replay --format text}: the whole topic read, built into timelines, rendered. */
  static Measured wholeTopicTimeline(String bootstrapServers, Filled filled) throws Exception {
    return measure(
        "whole-topic timeline",
        () -> {
          TimelineCollector collector = new TimelineCollector();
          AuditReader.Counts counts =
              new AuditReader(bootstrapServers)
                  .read(AuditReader.Selection.all(), AuditReader.Detail.RENDERING, collector);
          List<Timeline> timelines = collector.timelines();
          CountingWriter out = new CountingWriter();
          try {
            Format.TEXT.render(timelines, out);
          } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
          }
          check(counts.selected() == filled.entries(), "read " + counts + " of " + filled);
          check(out.chars > 0 && !timelines.isEmpty(), "rendered nothing");
          return counts.selected();
        });
  }

  /** {@code bin/replay --upgrade ID}: the whole topic skipped on a header, one upgrade decoded. */
  static Measured oneUpgrade(String bootstrapServers, Filled filled) throws Exception {
    return selective(
        bootstrapServers,
        "one upgrade",
        new AuditReader.Selection(filled.someUpgrade(), null, null, null));
  }

  /** {@code bin/replay --cluster NAME}: the whole topic skipped on the key, one cluster decoded. */
  static Measured oneCluster(String bootstrapServers, Filled filled) throws Exception {
    return selective(
        bootstrapServers,
        "one cluster",
        new AuditReader.Selection(null, filled.someCluster(), null, null));
  }

  /**
   * {@code bin/replay --verify}: every entry of the topic replayed through decide as it is read.
   */
  static Measured verifyAll(String bootstrapServers, Filled filled) throws Exception {
    return measure(
        "verify",
        () -> {
          Replayer.Run run = new Replayer(new UpgradeDecider(PhaseTimeouts.defaults())).start();
          AuditReader.Counts counts =
              new AuditReader(bootstrapServers).read(AuditReader.Selection.all(), run);
          Replayer.Report report = run.report();
          check(
              report.verdict() == Replayer.Verdict.REPRODUCED
                  && report.reproduced() == filled.entries(),
              report.render());
          return counts.selected();
        });
  }

  /**
   * {@code bin/replay} itself, as its own JVM with its heap ({@code -Xmx512m}), against this
   * broker: proves the whole read fits that heap, and times the command as people run it.
   */
  static Measured command(String bootstrapServers, Filled filled, String what, String... args)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx512m",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.bluegreen.replay.ReplayMain",
            "--bootstrap",
            bootstrapServers,
            "--out",
            "/dev/null"));
    command.addAll(List.of(args));
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int status = process.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    check(
        status == 0, "bin/replay " + String.join(" ", args) + " exited " + status + ": " + output);
    System.out.print("bin/replay " + String.join(" ", args) + ": " + output);
    Matcher selected = Pattern.compile("(\\d+) lines selected").matcher(output);
    check(selected.find(), "no count in: " + output);
    return new Measured(
        seconds,
        Long.parseLong(selected.group(1)),
        "its own JVM, -Xmx512m",
        what,
        BenchMain.loadAverage());
  }

  private static Measured selective(
      String bootstrapServers, String what, AuditReader.Selection selection) throws Exception {
    return measure(
        what,
        () -> {
          TimelineCollector collector = new TimelineCollector();
          AuditReader.Counts counts =
              new AuditReader(bootstrapServers)
                  .read(selection, AuditReader.Detail.RENDERING, collector);
          String md = Format.MARKDOWN.render(collector.timelines());
          check(counts.selected() > 0 && md.contains("ROLLED_BACK"), what + ": " + counts);
          return counts.selected();
        });
  }

  private static Measured measure(String what, Supplier<Long> run) throws Exception {
    System.gc();
    resetPeaks();
    long start = System.nanoTime();
    long selected = run.get();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Measured(
        seconds,
        selected,
        "peak heap in use " + peakHeapMb() + " MiB (the broker's too)",
        what,
        BenchMain.loadAverage());
  }

  /** Peak heap in use since the last reset (all heap pools), in MiB. */
  private static long peakHeapMb() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / (1024 * 1024);
  }

  private static void resetPeaks() {
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException(what);
    }
  }

  /** Standalone: fills the audit topic of a running broker, e.g. to time {@code bin/replay}. */
  public static void main(String[] args) throws Exception {
    if (!Files.exists(CAPTURE)) {
      throw new IllegalStateException("run from the repository root: no " + CAPTURE);
    }
    String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    long start = System.nanoTime();
    Filled filled = fillAudit(bootstrap, count);
    System.out.printf(
        Locale.ROOT,
        "wrote %d audit entries (%d B bodies on average) in %.1f s; e.g. --upgrade %s, --cluster %s%n",
        filled.entries(),
        filled.bytes(),
        (System.nanoTime() - start) / 1e9,
        filled.someUpgrade(),
        filled.someCluster());
  }

  /** A writer that only counts, standing in for the terminal. */
  private static final class CountingWriter extends Writer {
    long chars;

    @Override
    public void write(char[] buf, int off, int len) {
      chars += len;
    }

    @Override
    public Writer append(CharSequence s) {
      chars += s.length();
      return this;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
