package dev.bluegreen.bench;

import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.TopicSpec;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.orchestrator.streams.UpgradeTopology;
import dev.bluegreen.testkit.Deadline;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.upgrade.core.PhaseTimeouts;
import dev.bluegreen.upgrade.core.UpgradeDecider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The orchestrator's Kafka Streams topology, built by its own factory ({@link UpgradeTopology}) and
 * run in this JVM against the bench broker, as the application runs it (same commit interval,
 * persistent stores, audit writes): how many transitions per second it decides, and how long a fact
 * takes to become the next command.
 */
final class OrchestratorBench {

  /** The command topics a decision writes to. */
  private static final List<TopicSpec> COMMANDS =
      List.of(
          Topics.PROVISIONER_COMMANDS,
          Topics.DEPLOYER_COMMANDS,
          Topics.TRAFFIC_SHIFTER_COMMANDS,
          Topics.DECOMMISSIONER_COMMANDS);

  private OrchestratorBench() {}

  /**
   * Transitions per second.
   *
   * @param transitions audit entries written while the facts were processed
   * @param seconds from the first fact sent to the last audit entry readable (read_committed)
   * @param rejected audit entries that were {@code InputRejected} (0 when every fact was valid)
   */
  record Throughput(
      double perSecond, long transitions, double seconds, long rejected, String firstRejection) {}

  /**
   * Latency from the intended send time of an input to its first command being readable.
   *
   * @param p50Ms median, ms
   * @param p99Ms 99th percentile, ms
   * @param samples inputs measured
   * @param rate inputs per second offered
   * @param seconds how long the load ran
   */
  record Latency(double p50Ms, double p99Ms, int samples, double rate, double seconds) {}

  /**
   * Feeds {@code clusters} upgrades through the topology with {@code guarantee}: the requests first
   * (not timed), then every fact of every cluster as fast as the producer goes; measures from the
   * first fact sent until every expected audit entry is readable.
   */
  static Throughput throughput(KafkaBroker broker, String guarantee, int clusters)
      throws Exception {
    String runId = shortId();
    List<List<UpgradeScripts.Step>> scripts = scripts(runId, clusters);
    long expectedFacts =
        scripts.stream()
            .mapToLong(s -> s.stream().skip(1).filter(st -> st.audited()).count())
            .sum();
    freshTopics(broker);
    try (AuditCounter audit = new AuditCounter(broker);
        RunningTopology topology = new RunningTopology(broker, guarantee, runId);
        KafkaProducer<String, byte[]> producer = producer(broker)) {
      for (List<UpgradeScripts.Step> s : scripts) {
        producer.send(s.get(0).record());
      }
      producer.flush();
      audit.await(clusters, Duration.ofMinutes(2));
      long base = audit.entries.get();
      long start = System.nanoTime();
      for (ProducerRecord<String, byte[]> r : interleaved(scripts, 1)) {
        producer.send(r);
      }
      producer.flush();
      audit.await(base + expectedFacts, Duration.ofMinutes(3));
      double seconds = (System.nanoTime() - start) / 1e9;
      if (audit.rejected.get() > 0) {
        // Rejected facts are not transitions: a rate over them would measure the wrong thing.
        throw new IllegalStateException(
            audit.rejected.get()
                + " of "
                + expectedFacts
                + " pre-generated facts were rejected (the scripts no longer match the decider?),"
                + " first: "
                + audit.firstRejection.get());
      }
      return new Throughput(
          expectedFacts / seconds,
          expectedFacts,
          seconds,
          audit.rejected.get(),
          audit.firstRejection.get());
    }
  }

  /**
   * Offers inputs at {@code rate} per second for about {@code seconds} and measures, for each input
   * that causes a command, from the time it was meant to be sent (not when the sender got round to
   * it, so a stall counts against the platform: no coordinated omission) until the command is
   * readable with read_committed.
   */
  static Latency latency(KafkaBroker broker, String guarantee, double rate, double seconds)
      throws Exception {
    String runId = shortId();
    int perCluster = UpgradeScripts.script(runId, 0, Instant.now()).size();
    int clusters = (int) Math.max(1, Math.ceil(rate * seconds / perCluster));
    List<List<UpgradeScripts.Step>> scripts = scripts(runId, clusters);
    // The requests go first and are answered before the clock starts: a fact must not overtake
    // its cluster's request, which travels on another topic.
    List<UpgradeScripts.Step> requests = scripts.stream().map(s -> s.get(0)).toList();
    List<UpgradeScripts.Step> order = new ArrayList<>();
    for (int step = 1; step < perCluster; step++) {
      for (List<UpgradeScripts.Step> s : scripts) {
        order.add(s.get(step));
      }
    }
    freshTopics(broker);
    try (RunningTopology topology = new RunningTopology(broker, guarantee, runId)) {
      return offer(
          broker,
          requests,
          order,
          COMMANDS.stream().map(TopicSpec::name).toList(),
          h -> CloudEventCodec.header(h, "ce_causationid"),
          rate);
    }
  }

  /**
   * The broker alone at the same rate: records of our fact size to one topic and back to a
   * read_committed consumer, measured the same way.
   */
  static Latency brokerLatency(KafkaBroker broker, TopicSpec topic, double rate, double seconds)
      throws Exception {
    int count = (int) Math.ceil(rate * seconds);
    List<UpgradeScripts.Step> order = new ArrayList<>(count);
    CloudEventCodec codec = new CloudEventCodec();
    for (int i = 0; i < count; i++) {
      ProducerRecord<String, byte[]> r = BrokerBaseline.sampleRecord(topic.name(), i % 1000);
      order.add(new UpgradeScripts.Step(r, CloudEventCodec.header(r.headers(), "ce_id"), 1, false));
    }
    return offer(
        broker,
        List.of(),
        order,
        List.of(topic.name()),
        h -> CloudEventCodec.header(h, "ce_id"),
        rate);
  }

  private static Latency offer(
      KafkaBroker broker,
      List<UpgradeScripts.Step> first,
      List<UpgradeScripts.Step> order,
      List<String> outputs,
      Function<Headers, String> causeOf,
      double rate)
      throws Exception {
    ConcurrentHashMap<String, Long> seen = new ConcurrentHashMap<>();
    AtomicBoolean running = new AtomicBoolean(true);
    Properties props = consumerProps(broker);
    Thread reader;
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String t : outputs) {
        consumer
            .partitionsFor(t, Duration.ofSeconds(30))
            .forEach(p -> partitions.add(new TopicPartition(t, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      reader =
          new Thread(
              () -> {
                while (running.get()) {
                  var batch = consumer.poll(Duration.ofMillis(50));
                  long now = System.nanoTime();
                  for (ConsumerRecord<String, byte[]> r : batch) {
                    String cause = causeOf.apply(r.headers());
                    if (cause != null) {
                      seen.putIfAbsent(cause, now);
                    }
                  }
                }
              },
              "bench-latency-reader");
      reader.start();
      long[] intended = new long[order.size()];
      long interval = (long) (1e9 / rate);
      try (KafkaProducer<String, byte[]> producer = producer(broker)) {
        first.forEach(step -> producer.send(step.record()));
        producer.flush();
        awaitAnswers(first, seen, Duration.ofMinutes(2));
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < order.size(); i++) {
          intended[i] = start + i * interval;
          long wait = intended[i] - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
          producer.send(order.get(i).record());
        }
        producer.flush();
        List<Integer> measured = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
          if (order.get(i).commands() > 0) {
            measured.add(i);
          }
        }
        awaitAnswers(measured.stream().map(order::get).toList(), seen, Duration.ofMinutes(1));
        double[] ms =
            measured.stream()
                .mapToDouble(i -> (seen.get(order.get(i).eventId()) - intended[i]) / 1e6)
                .sorted()
                .toArray();
        double seconds = (intended[order.size() - 1] - start) / 1e9;
        return new Latency(
            percentile(ms, 50), percentile(ms, 99), ms.length, rate, Math.max(seconds, 0));
      } finally {
        running.set(false);
        reader.join(5_000);
      }
    }
  }

  private static void awaitAnswers(
      List<UpgradeScripts.Step> steps, Map<String, Long> seen, Duration within) {
    Deadline deadline = Deadline.in(within);
    List<UpgradeScripts.Step> answering = steps.stream().filter(s -> s.commands() > 0).toList();
    while (answering.stream().anyMatch(s -> !seen.containsKey(s.eventId()))) {
      deadline.check(
          "every answer to be readable ("
              + answering.stream().filter(s -> seen.containsKey(s.eventId())).count()
              + " of "
              + answering.size()
              + ")");
      deadline.pause();
    }
  }

  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.min(Math.max(index, 0), sorted.length - 1)];
  }

  private static List<List<UpgradeScripts.Step>> scripts(String runId, int clusters) {
    List<List<UpgradeScripts.Step>> scripts = new ArrayList<>(clusters);
    Instant t0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    for (int c = 0; c < clusters; c++) {
      scripts.add(UpgradeScripts.script(runId, c, t0));
    }
    return scripts;
  }

  /** Step {@code from} of every cluster, then the next step of every cluster, and so on. */
  private static List<ProducerRecord<String, byte[]>> interleaved(
      List<List<UpgradeScripts.Step>> scripts, int from) {
    int longest = scripts.stream().mapToInt(List::size).max().orElse(0);
    List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
    for (int step = from; step < longest; step++) {
      for (List<UpgradeScripts.Step> s : scripts) {
        if (step < s.size()) {
          out.add(s.get(step).record());
        }
      }
    }
    return out;
  }

  /**
   * Deletes and recreates the platform's topics, so each run starts from empty topics on the same
   * broker (a new Streams application would otherwise read the previous run's inputs).
   */
  static void freshTopics(KafkaBroker broker) throws Exception {
    List<String> names = Topics.ALL.stream().map(TopicSpec::name).toList();
    try (Admin admin = Admin.create(broker.clientProperties())) {
      var existing = admin.listTopics().names().get();
      List<String> present = names.stream().filter(existing::contains).toList();
      if (!present.isEmpty()) {
        admin.deleteTopics(present).all().get();
      }
      Deadline deadline = Deadline.in(Duration.ofSeconds(60));
      while (admin.listTopics().names().get().stream().anyMatch(names::contains)) {
        deadline.check("the platform's topics to be deleted");
        deadline.pause();
      }
    }
    Deadline deadline = Deadline.in(Duration.ofSeconds(60));
    while (true) {
      try {
        broker.createTopics(Topics.ALL);
        return;
      } catch (IllegalStateException e) {
        // A deleted topic can take a moment to be gone everywhere before it may be created again.
        deadline.check("the platform's topics to be created again: " + e.getCause());
        deadline.pause();
      }
    }
  }

  private static KafkaProducer<String, byte[]> producer(KafkaBroker broker) {
    Properties props = broker.clientProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaProducer<>(props);
  }

  private static Properties consumerProps(KafkaBroker broker) {
    Properties props = broker.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** The topology in this JVM, configured as the application configures it. */
  static final class RunningTopology implements AutoCloseable {
    final KafkaStreams streams;
    private final Path stateDir;

    RunningTopology(KafkaBroker broker, String guarantee, String runId) throws IOException {
      String applicationId = "bench-orchestrator-" + runId;
      stateDir = Files.createTempDirectory("bench-orchestrator-state");
      Properties props = new Properties();
      props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
      props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
      // As the application: kafka-streams.commit.interval.ms=100 (services/orchestrator).
      props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
      props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
      streams =
          new KafkaStreams(
              UpgradeTopology.build(
                  new UpgradeDecider(PhaseTimeouts.defaults()),
                  Duration.ofSeconds(5),
                  applicationId),
              props);
      streams.start();
      Deadline deadline = Deadline.in(Duration.ofSeconds(90));
      while (streams.state() != KafkaStreams.State.RUNNING) {
        deadline.check("Kafka Streams to run (state " + streams.state() + ")");
        deadline.pause();
      }
    }

    @Override
    public void close() {
      streams.close(Duration.ofSeconds(30));
      streams.cleanUp();
      try (Stream<Path> files = Files.walk(stateDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Counts the audit entries readable with read_committed, from the topic's current end. */
  static final class AuditCounter implements AutoCloseable {
    final AtomicLong entries = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();

    /** The first rejected entry as it was written: a figure with rejections must say why. */
    final java.util.concurrent.atomic.AtomicReference<String> firstRejection =
        new java.util.concurrent.atomic.AtomicReference<>();

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    AuditCounter(KafkaBroker broker) {
      KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps(broker));
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.AUDIT.name(), Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(Topics.AUDIT.name(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      thread =
          new Thread(
              () -> {
                try (consumer) {
                  while (running.get()) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                      entries.incrementAndGet();
                      String type = CloudEventCodec.header(r.headers(), "ce_type");
                      if (type != null && type.contains("InputRejected")) {
                        rejected.incrementAndGet();
                        firstRejection.compareAndSet(
                            null, new String(r.value(), java.nio.charset.StandardCharsets.UTF_8));
                      }
                    }
                  }
                }
              },
              "bench-audit-counter");
      thread.start();
    }

    void await(long count, Duration within) {
      Deadline deadline = Deadline.in(within);
      while (entries.get() < count) {
        deadline.check(
            count + " audit entries (" + entries.get() + ", " + rejected.get() + " rejected)");
        LockSupport.parkNanos(1_000_000L);
      }
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join(5_000);
    }
  }
}
