package dev.bluegreen.bench;

import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.CloudSimConfig;
import dev.bluegreen.cloudsim.core.Fleet;
import dev.bluegreen.cloudsim.core.FleetGenerator;
import dev.bluegreen.cloudsim.core.JournalEntry;
import dev.bluegreen.cloudsim.core.Lifecycles;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Incoming;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import dev.bluegreen.e2e.Platform;
import dev.bluegreen.e2e.ServiceProcess;
import dev.bluegreen.e2e.ServiceSettings;
import dev.bluegreen.e2e.UpgradeApi;
import dev.bluegreen.issuer.LocalIssuer;
import dev.bluegreen.issuer.SigningKey;
import dev.bluegreen.testkit.Deadline;
import dev.bluegreen.testkit.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The figures that need every service as its own process (started by the e2e harness, as the e2e
 * tests start them) and cloud-sim: footprint, fleet and the platform's share of an upgrade.
 */
final class PlatformBench {

  private static final Set<UpgradeState> ENDS =
      Set.of(
          UpgradeState.COMPLETED,
          UpgradeState.FAILED,
          UpgradeState.ROLLED_BACK,
          UpgradeState.CANCELLED);
  private static final Set<UpgradeState> FAILURE_PATHS =
      Set.of(UpgradeState.ROLLING_BACK, UpgradeState.CLEANING_UP, UpgradeState.FAILED);
  private static final Duration READY_WITHIN = Duration.ofSeconds(120);
  private static final Path LOGS = Path.of("bench/target/service-logs");

  /** Two traffic steps and a short retention, no gates: nothing waits for a person. */
  private static final String PLAN =
      """
      "steps":[{"type":"setWeight","weight":50},{"type":"setWeight","weight":100}],
      "retention":"PT%dS","approvalGates":{"beforeShift":false,"beforeDecommission":false}""";

  static final int RETENTION_SECONDS = 2;

  private PlatformBench() {}

  // ---------------------------------------------------------------- footprint

  /**
   * Start-up time (process start to the first 200 of {@code /q/health/ready}) and resident memory
   * right after that first request, for the bare Quarkus app and then each service, one at a time
   * so they do not compete with each other.
   */
  static void footprint(KafkaBroker broker, List<Figure> figures) throws Exception {
    OrchestratorBench.freshTopics(broker);
    try (CloudSim sim = CloudSim.start(CloudSimConfig.instant().withFleet(Fleet.demo()));
        LocalIssuer issuer = LocalIssuer.start(0, SigningKey.generate())) {
      Map<String, String> settings = new LinkedHashMap<>(ServiceSettings.cloud(sim));
      settings.putAll(ServiceSettings.broker(broker, Path.of("bench/target/streams-state")));
      // The orchestrator reads its issuer's discovery document as it starts, as it does for real.
      settings.putAll(ServiceSettings.issuer(issuer));
      double[] bare = measureStart("bench/bare-quarkus", settings);
      String how =
          "process start -> first 200 of /q/health/ready, then VmRSS; -Xmx256m -XX:+UseSerialGC as the e2e harness starts services; one at a time";
      Figure bareStart =
          Figure.baseline("startup_bare_quarkus", bare[0], "s", "quarkus-rest + health: " + how);
      Figure bareRss =
          Figure.baseline("rss_bare_quarkus", bare[1], "MiB", "quarkus-rest + health: " + how);
      figures.add(bareStart);
      figures.add(bareRss);
      for (String service : Platform.SERVICES) {
        try {
          double[] m = measureStart("services/" + service, settings);
          figures.add(
              Figure.against(
                  bareStart, "startup_" + service, m[0], "s", "ratio = times the bare app"));
          figures.add(
              Figure.against(bareRss, "rss_" + service, m[1], "MiB", "ratio = times the bare app"));
        } catch (Exception | AssertionError e) {
          figures.add(Figure.failed("footprint_" + service, "", e));
        }
      }
    }
  }

  private static double[] measureStart(String folder, Map<String, String> settings)
      throws IOException {
    Files.createDirectories(LOGS);
    Path jar = ServiceProcess.jarOf(Platform.repoRoot(), folder);
    String name = folder.substring(folder.lastIndexOf('/') + 1);
    long start = System.nanoTime();
    try (ServiceProcess s =
        ServiceProcess.start(name, jar, settings, LOGS, ServiceProcess.DEFAULT_HEAP)) {
      s.awaitReady(READY_WITHIN);
      double seconds = (System.nanoTime() - start) / 1e9;
      return new double[] {seconds, rssMiB(s.pid())};
    }
  }

  /** VmRSS of a process, from /proc/&lt;pid&gt;/status, in MiB. */
  static double rssMiB(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    throw new IllegalStateException("no VmRSS for " + pid);
  }

  // ---------------------------------------------------------------- fleet

  /**
   * {@code bench.fleet.clusters} generated clusters upgraded at once end to end through every
   * service, cloud-sim at zero latency. The baseline is one upgrade alone on the same platform.
   */
  static void fleet(KafkaBroker broker, List<Figure> figures) throws Exception {
    // 1,000, as the issue asks; the services get 512 MiB each (at 256 MiB the provisioner's and
    // deployer's heaps fill with the HTTP buffers of a thousand commands in flight: README).
    int count = Integer.getInteger("bench.fleet.clusters", 1_000);
    String heap = System.getProperty("bench.fleet.service-heap", "512m");
    int concurrency = Integer.getInteger("bench.fleet.concurrency", 16);
    OrchestratorBench.freshTopics(broker);
    Fleet fleet = upgradableFleet(count + 1);
    List<Fleet.FleetCluster> eligible = fleet.clusters();
    try (CloudSim sim = CloudSim.start(CloudSimConfig.instant().withFleet(fleet));
        Completions done = new Completions(broker);
        Platform platform = Platform.start(broker, fleetSettings(sim), heap)) {
      UpgradeApi api = platform.api();
      // One upgrade alone first: what an upgrade takes when nothing competes with it.
      Fleet.FleetCluster first = eligible.get(0);
      long soloStart = System.nanoTime();
      String soloId = api.requestUpgrade(body(first));
      double solo = done.await(List.of(soloId), Duration.ofMinutes(3)).get(soloId) - soloStart;
      solo /= 1e9;
      requireCompleted(done, List.of(soloId));

      ExecutorService pool = Executors.newFixedThreadPool(concurrency);
      Map<String, Long> started = new ConcurrentHashMap<>();
      long fleetStart = System.nanoTime();
      List<Future<String>> posts = new ArrayList<>();
      for (Fleet.FleetCluster c : eligible.subList(1, count + 1)) {
        posts.add(
            pool.submit(
                () -> {
                  long t = System.nanoTime();
                  String id = api.requestUpgrade(body(c));
                  started.put(id, t);
                  return id;
                }));
      }
      List<String> ids = new ArrayList<>();
      for (Future<String> f : posts) {
        ids.add(f.get());
      }
      pool.shutdown();
      // A second per upgrade on top of five minutes: the stage took 290 s at 1,000 (load up to 25).
      Duration budget =
          Duration.ofSeconds(Long.getLong("bench.fleet.timeout.seconds", 300L + count));
      Map<String, Long> ends = done.await(ids, budget);
      // Upgrades that ended otherwise are counted and named, not hidden: the figures below are
      // over every upgrade's end, and the note says how many completed.
      List<String> notCompleted =
          ids.stream().filter(id -> done.state(id) != UpgradeState.COMPLETED).toList();
      String failures =
          notCompleted.isEmpty()
              ? "all completed"
              : notCompleted.size()
                  + " of "
                  + ids.size()
                  + " did NOT complete, e.g. "
                  + done.state(notCompleted.get(0))
                  + ": "
                  + done.reason(notCompleted.get(0))
                  + " ("
                  + done.timeInStates(notCompleted.get(0))
                  + "); how they left the happy path: "
                  + done.firstFailures(notCompleted);
      long last = ends.values().stream().mapToLong(Long::longValue).max().orElseThrow();
      double makespan = (last - fleetStart) / 1e9;
      double[] overheads =
          ids.stream()
              .mapToDouble(id -> (ends.get(id) - started.get(id)) / 1e9 - RETENTION_SECONDS)
              .sorted()
              .toArray();
      double soloOverhead = solo - RETENTION_SECONDS;
      String how =
          String.format(
              Locale.ROOT,
              "%d generated clusters upgraded at once (%d POSTs in flight) through all 5 services, cloud-sim instant, steps 50%%/100%%, retention %d s, no gates; %s",
              count,
              concurrency,
              RETENTION_SECONDS,
              failures);
      Figure soloFigure =
          Figure.baseline(
              "upgrade_alone",
              solo,
              "s",
              "one upgrade with nothing else running, same platform and plan (request -> COMPLETED); time in each state: "
                  + done.timeInStates(soloId));
      figures.add(soloFigure);
      figures.add(
          Figure.against(
              soloFigure,
              "fleet_makespan",
              makespan,
              "s",
              how + "; ratio = makespan / one upgrade alone"));
      double perMinute = count / makespan * 60;
      figures.add(
          Figure.withRatio(
              "fleet_upgrades_per_min",
              perMinute,
              "upgrades/min",
              "upgrade_alone",
              perMinute / (60 / solo),
              "ratio = times one-at-a-time (60 / upgrade_alone)"));
      figures.add(
          Figure.withRatio(
              "fleet_overhead_p99",
              OrchestratorBench.percentile(overheads, 99),
              "s",
              "upgrade_alone",
              OrchestratorBench.percentile(overheads, 99) / soloOverhead,
              String.format(
                  Locale.ROOT,
                  "per upgrade: request -> COMPLETED minus the %d s retention it asked for (the cloud takes no time); p50 %.1f s; ratio = times the same overhead of one upgrade alone (%.1f s)",
                  RETENTION_SECONDS,
                  OrchestratorBench.percentile(overheads, 50),
                  soloOverhead)));
    }
  }

  // ---------------------------------------------------------------- overhead

  /**
   * One upgrade with the simulator's realistic lifecycle durations compressed {@code
   * bench.overhead.compression} times: wall clock, minus the time the cloud itself was busy on the
   * upgrade's behalf (from cloud-sim's journal: each create, update, delete and Argo CD sync it
   * recorded, lasting its lifecycle duration; overlapping work counted once).
   */
  static void overhead(KafkaBroker broker, List<Figure> figures) throws Exception {
    double compression =
        Double.parseDouble(System.getProperty("bench.overhead.compression", "120"));
    OrchestratorBench.freshTopics(broker);
    Fleet fleet = Fleet.demo();
    Fleet.FleetCluster blue =
        fleet.clusters().stream()
            .filter(c -> c.deprecatedApis() == null || c.deprecatedApis().isEmpty())
            .filter(c -> !c.version().equals("1.34"))
            .findFirst()
            .orElseThrow();
    Lifecycles lifecycles = Lifecycles.realistic().compressed(compression);
    try (CloudSim sim =
            CloudSim.start(
                CloudSimConfig.defaults().withFleet(fleet).withTimeCompression(compression));
        Completions done = new Completions(broker);
        Platform platform = Platform.start(broker, ServiceSettings.cloud(sim))) {
      UpgradeApi api = platform.api();
      long journalFrom = sim.journal().entries().size();
      Instant wallStart = Instant.now();
      long start = System.nanoTime();
      String id = api.requestUpgrade(body(blue));
      long end = done.await(List.of(id), Duration.ofMinutes(5)).get(id);
      Instant wallEnd = Instant.now();
      requireCompleted(done, List.of(id));
      double wall = (end - start) / 1e9;
      List<JournalEntry> entries = sim.journal().entries().stream().skip(journalFrom).toList();
      double cloud = busySeconds(entries, lifecycles, wallStart, wallEnd);
      double platformShare = (wall - cloud) / wall;
      String states = done.timeInStates(id);
      figures.add(
          Figure.withRatio(
              "platform_share",
              wall - cloud,
              "s",
              "upgrade_wall_clock",
              platformShare,
              String.format(
                  Locale.ROOT,
                  "one upgrade of %s, realistic lifecycles compressed %.0fx: wall %.1f s, cloud busy %.1f s (journal: creates, updates, deletes, Argo CD syncs over their lifecycle durations, overlaps once); value = wall - cloud (incl. %d s retention), ratio = platform's share of the wall clock; time in each state: %s",
                  blue.name(),
                  compression,
                  wall,
                  cloud,
                  RETENTION_SECONDS,
                  states)));
      // At real speed the cloud takes `compression` times as long; the platform's own time is
      // polls, decisions and messages, which do not stretch with it.
      double realCloud = cloud * compression;
      double realShare = (wall - cloud) / (wall - cloud + realCloud);
      figures.add(
          Figure.withRatio(
              "platform_share_real_speed",
              realCloud / 60,
              "cloud min",
              "platform_share",
              realShare,
              String.format(
                  Locale.ROOT,
                  "the same upgrade at uncompressed cloud speed, extrapolated: cloud %.1f min + platform %.1f s; ratio = platform's share of the wall clock (assumes the platform's %.1f s do not grow with the cloud's durations; its polls back off to bluegreen.provisioner.waits.max-poll=PT2S here)",
                  realCloud / 60,
                  wall - cloud,
                  wall - cloud)));
    }
  }

  /** The measure of the union of the intervals the cloud was busy, clipped to the window. */
  static double busySeconds(
      List<JournalEntry> entries, Lifecycles l, Instant windowStart, Instant windowEnd) {
    Map<String, Duration> lasting = new LinkedHashMap<>();
    lasting.put("CreateCluster", l.clusterCreate());
    lasting.put("DeleteCluster", l.clusterDelete());
    lasting.put("CreateNodegroup", l.nodegroupCreate());
    lasting.put("UpdateNodegroupConfig", l.nodegroupUpdate());
    lasting.put("DeleteNodegroup", l.nodegroupDelete());
    lasting.put("CreateAddon", l.addonCreate());
    lasting.put("DeleteAddon", l.addonDelete());
    lasting.put("GenerateApplication", l.argoSync());
    List<long[]> spans = new ArrayList<>();
    for (JournalEntry e : entries) {
      Duration d = lasting.get(e.operation());
      if (d == null || !("created".equals(e.outcome()) || "ok".equals(e.outcome()))) {
        continue;
      }
      long from = Math.max(e.time().toEpochMilli(), windowStart.toEpochMilli());
      long to = Math.min(e.time().toEpochMilli() + d.toMillis(), windowEnd.toEpochMilli());
      if (to > from) {
        spans.add(new long[] {from, to});
      }
    }
    spans.sort((a, b) -> Long.compare(a[0], b[0]));
    long busy = 0;
    long coveredTo = Long.MIN_VALUE;
    for (long[] s : spans) {
      long from = Math.max(s[0], coveredTo);
      if (s[1] > from) {
        busy += s[1] - from;
      }
      coveredTo = Math.max(coveredTo, s[1]);
    }
    return busy / 1000.0;
  }

  // ---------------------------------------------------------------- shared

  /**
   * A generated fleet of exactly {@code count} clusters that can be upgraded to their next version.
   * Every third generated cluster calls an API the next version removes (pre-flight refuses it) and
   * 1.34 has no successor here: those are passed over. The cloud holds the clusters being upgraded
   * and nothing else: the ones passed over would only make every fleet-wide read (ListClusters,
   * Argo CD's Applications) three times longer than the fleet a figure is about.
   */
  static Fleet upgradableFleet(int count) {
    List<Fleet.FleetCluster> eligible = new ArrayList<>();
    Fleet fleet = FleetGenerator.generate(count * 3 + 3);
    for (Fleet.FleetCluster c : fleet.clusters()) {
      if (c.deprecatedApis().isEmpty() && !c.version().equals("1.34")) {
        eligible.add(c);
      }
    }
    if (eligible.size() < count) {
      throw new IllegalStateException("only " + eligible.size() + " upgradable clusters");
    }
    return new Fleet(fleet.managementCluster(), fleet.teams(), eligible.subList(0, count));
  }

  /** The plan every bench upgrade uses, as a JSON object. */
  static String plan() {
    return "{" + PLAN.formatted(RETENTION_SECONDS).strip() + "}";
  }

  static String body(Fleet.FleetCluster c) {
    String[] v = c.version().split("\\.");
    String target = v[0] + "." + (Integer.parseInt(v[1]) + 1);
    return "{\"cluster\":\""
        + c.name()
        + "\",\"targetVersion\":\""
        + target
        + "\","
        + PLAN.formatted(RETENTION_SECONDS).strip()
        + "}";
  }

  static void requireCompleted(Completions done, List<String> ids) {
    List<String> notCompleted =
        ids.stream().filter(id -> done.state(id) != UpgradeState.COMPLETED).toList();
    if (!notCompleted.isEmpty()) {
      throw new IllegalStateException(
          notCompleted.size()
              + " upgrades did not complete, e.g. "
              + notCompleted.get(0)
              + " ended "
              + done.state(notCompleted.get(0))
              + ": "
              + done.reason(notCompleted.get(0))
              + " (time in each state: "
              + done.timeInStates(notCompleted.get(0))
              + ")");
    }
  }

  /** A fleet this size in one region needs its EKS cluster quota raised, as a real one would. */
  static Map<String, String> fleetSettings(CloudSim sim) {
    Map<String, String> p = new LinkedHashMap<>(ServiceSettings.cloud(sim));
    p.put("bluegreen.provisioner.quotas.clusters-per-region", "100000");
    return p;
  }

  /** When each upgrade reached its end state, from the audit topic (read_committed). */
  static final class Completions implements AutoCloseable {
    private final Map<String, Long> endedAt = new ConcurrentHashMap<>();
    private final Map<String, UpgradeState> endState = new ConcurrentHashMap<>();
    private final Map<String, String> endReason = new ConcurrentHashMap<>();
    private final Map<String, String> firstFailure = new ConcurrentHashMap<>();
    private final Map<String, List<Map.Entry<UpgradeState, Instant>>> path =
        new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    Completions(KafkaBroker broker) {
      java.util.Properties props = broker.clientProperties();
      props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
      props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
      props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
      KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.AUDIT.name(), Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(Topics.AUDIT.name(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      CloudEventCodec codec = CloudEventCodec.forTrustedHistory();
      thread =
          new Thread(
              () -> {
                try (consumer) {
                  while (running.get()) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                      long now = System.nanoTime();
                      if (codec.decode(r.headers(), r.value()) instanceof Incoming.Valid v
                          && v.event().data() instanceof UpgradeTransitioned t) {
                        path.computeIfAbsent(
                                t.upgradeId(),
                                k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                            .add(Map.entry(t.to(), t.at()));
                        if (FAILURE_PATHS.contains(t.to())) {
                          firstFailure.putIfAbsent(
                              t.upgradeId(), t.to() + ": " + String.valueOf(t.reason()));
                        }
                        if (ENDS.contains(t.to())) {
                          endReason.put(t.upgradeId(), String.valueOf(t.reason()));
                          endState.put(t.upgradeId(), t.to());
                          endedAt.putIfAbsent(t.upgradeId(), now);
                        }
                      }
                    }
                  }
                }
              },
              "bench-completions");
      thread.start();
    }

    /** Waits until every upgrade ended; returns when each did (System.nanoTime). */
    Map<String, Long> await(List<String> ids, Duration within) {
      Deadline deadline = Deadline.in(within);
      while (!endedAt.keySet().containsAll(ids)) {
        deadline.check(
            ids.stream().filter(endedAt::containsKey).count()
                + " of "
                + ids.size()
                + " upgrades ended; the rest to end");
        deadline.pause();
      }
      Map<String, Long> out = new LinkedHashMap<>();
      ids.forEach(id -> out.put(id, endedAt.get(id)));
      return out;
    }

    /** How long the upgrade spent in each state it left, from the audit entries' times. */
    String timeInStates(String id) {
      List<Map.Entry<UpgradeState, Instant>> steps =
          new ArrayList<>(path.getOrDefault(id, List.of()));
      StringBuilder out = new StringBuilder();
      for (int i = 0; i + 1 < steps.size(); i++) {
        double s =
            Duration.between(steps.get(i).getValue(), steps.get(i + 1).getValue()).toMillis()
                / 1000.0;
        out.append(out.length() == 0 ? "" : ", ")
            .append(String.format(Locale.ROOT, "%s %.1f s", steps.get(i).getKey(), s));
      }
      return out.toString();
    }

    String reason(String id) {
      return endReason.get(id);
    }

    /**
     * The reason each upgrade first entered a failure path (ROLLING_BACK, CLEANING_UP, FAILED),
     * counted: at scale the first failure says why, the end state only how it ended.
     */
    String firstFailures(List<String> ids) {
      Map<String, Integer> counts = new java.util.TreeMap<>();
      for (String id : ids) {
        String first = firstFailure.getOrDefault(id, "never left the happy path");
        // Request ids and cluster names differ per upgrade: count the reason's shape.
        String shape =
            first.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<id>").replaceAll("-\\d+", "-N");
        counts.merge(shape.length() > 300 ? shape.substring(0, 300) : shape, 1, Integer::sum);
      }
      StringBuilder out = new StringBuilder();
      counts.entrySet().stream()
          .sorted((a, b) -> b.getValue() - a.getValue())
          .forEach(
              e ->
                  out.append(out.length() == 0 ? "" : "; ")
                      .append(e.getValue())
                      .append("x ")
                      .append(e.getKey()));
      return out.toString();
    }

    UpgradeState state(String id) {
      return endState.get(id);
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join(5_000);
    }
  }
}
