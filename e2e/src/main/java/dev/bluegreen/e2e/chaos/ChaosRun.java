package dev.bluegreen.e2e.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.CloudSimConfig;
import dev.bluegreen.cloudsim.core.Fleet;
import dev.bluegreen.cloudsim.core.FleetGenerator;
import dev.bluegreen.cloudsim.core.JournalEntry;
import dev.bluegreen.e2e.Platform;
import dev.bluegreen.e2e.ServiceProcess;
import dev.bluegreen.e2e.ServiceSettings;
import dev.bluegreen.e2e.UpgradeApi;
import dev.bluegreen.replay.AuditReader;
import dev.bluegreen.replay.Replayer;
import dev.bluegreen.testkit.Deadline;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.timeline.AuditLine;
import dev.bluegreen.upgrade.core.PhaseTimeouts;
import dev.bluegreen.upgrade.core.UpgradeDecider;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A chaos run: N concurrent upgrades of a generated fleet on the whole platform (every service its
 * own JVM, a real broker, cloud-sim), while a {@link ChaosSchedule} SIGKILLs and restarts services
 * and injects cloud faults. Then the checks, each a hard failure: every upgrade terminal within the
 * deadline; no journal violation and nothing created twice; every upgrade's audit log holds its
 * terminal entry and replays through decide (REPRODUCED) to the state the API reports.
 *
 * <p>Not yet: the notifier (the harness's platform does not start it), campaigns.
 */
public final class ChaosRun {

  /** The end states of an upgrade. */
  public static final Set<String> TERMINAL =
      Set.of("COMPLETED", "FAILED", "ROLLED_BACK", "CANCELLED");

  private static final Duration READY_WITHIN = Duration.ofSeconds(120);

  /** Lifecycles compressed as the e2e tests compress them: a cluster in ~1.5 s. */
  private static final double TIME_COMPRESSION = 600;

  /** Two traffic steps and a short retention, no gates: nothing waits for a person. */
  private static final String PLAN =
      """
      "steps":[{"type":"setWeight","weight":50},{"type":"setWeight","weight":100}],
      "retention":"PT3S","approvalGates":{"beforeShift":false,"beforeDecommission":false}""";

  /**
   * What to run.
   *
   * @param seed the schedule's seed
   * @param upgrades how many upgrades at once
   * @param kills how many SIGKILLs over the window
   * @param faults how many cloud faults over the window
   * @param brokerRestarts how many times the broker is stopped and started again over the window
   * @param window the stretch of time the kills and faults fall in, from the first request
   * @param deadline by when, from the first request, every upgrade must be terminal (in a soak:
   *     every upgrade of a round, from the round's requests, and every upgrade from the soak's end)
   * @param soak how long to keep requesting rounds and sampling the services; null for one round
   */
  public record Settings(
      long seed,
      int upgrades,
      int kills,
      int faults,
      int brokerRestarts,
      Duration window,
      Duration deadline,
      Soak soak) {

    /** One round of {@code upgrades} at once: a chaos run, not a soak. */
    public Settings(
        long seed,
        int upgrades,
        int kills,
        int faults,
        int brokerRestarts,
        Duration window,
        Duration deadline) {
      this(seed, upgrades, kills, faults, brokerRestarts, window, deadline, null);
    }
  }

  /**
   * A soak: round after round of upgrades for {@code duration} (the schedule's window should be as
   * long), every service sampled every {@code interval} and judged by {@link Growth}.
   *
   * @param duration how long rounds are requested and the services sampled
   * @param interval the time between two samples
   * @param maxRounds at most this many rounds: the fleet is generated for them up front
   */
  public record Soak(Duration duration, Duration interval, int maxRounds) {}

  private final KafkaBroker broker;
  private final Settings settings;
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private volatile Instant started;

  private ChaosRun(KafkaBroker broker, Settings settings) {
    this.broker = broker;
    this.settings = settings;
  }

  /** Runs the chaos against {@code broker} and returns what happened and what failed. */
  public static ChaosReport run(KafkaBroker broker, Settings settings) {
    return new ChaosRun(broker, settings).run();
  }

  private ChaosReport run() {
    ChaosSchedule schedule =
        ChaosSchedule.generate(
            settings.seed(),
            settings.kills(),
            settings.faults(),
            settings.brokerRestarts(),
            settings.window(),
            Platform.SERVICES);
    System.out.printf(
        "chaos: seed %d (repeat with --seed %d): %d upgrades, %d kills, %d faults, %d broker"
            + " restarts over %s%n",
        settings.seed(),
        settings.seed(),
        settings.upgrades(),
        schedule.kills(),
        schedule.faults(),
        schedule.brokerRestarts(),
        settings.window());
    int rounds = settings.soak() == null ? 1 : settings.soak().maxRounds();
    Fleet generated = FleetGenerator.generate(settings.upgrades() * rounds * 3 + 3);
    List<Fleet.FleetCluster> clusters = upgradable(generated, settings.upgrades() * rounds);
    // The cloud holds the clusters to upgrade (a soak: every round's) and nothing else, so
    // fleet-wide reads stay short.
    Fleet fleet = new Fleet(generated.managementCluster(), generated.teams(), clusters);
    Map<String, Integer> outcomes = new TreeMap<>();
    Map<String, Integer> faultKinds = new TreeMap<>();
    int[] done = new int[3]; // kills, faults, broker restarts carried out
    SoakReport soakReport = null;
    long t0 = System.nanoTime();
    try (CloudSim sim =
            CloudSim.start(
                CloudSimConfig.defaults()
                    .withFleet(fleet)
                    .withTimeCompression(TIME_COMPRESSION)
                    .withRandomSeed(settings.seed()));
        Platform platform = Platform.start(broker, serviceSettings(sim))) {
      UpgradeApi api = platform.api();
      Map<String, String> clusterOf = new LinkedHashMap<>();
      // Blue's listener rule, read now: the simulator forgets it once blue is retired.
      Map<String, String> ruleOf = new LinkedHashMap<>();
      clusters.forEach(c -> ruleOf.put(c.name(), sim.ruleArnOf(c.name()).orElseThrow()));
      started = Instant.now();
      Watch watch = new Watch(api);
      Thread watcher = new Thread(watch, "chaos-watch");
      watcher.setDaemon(true);
      Deadline deadline;
      if (settings.soak() == null) {
        deadline = Deadline.in(settings.deadline());
        for (Fleet.FleetCluster c : clusters) {
          clusterOf.put(api.requestUpgrade(body(c)), c.name());
        }
        watch.add(clusterOf.keySet());
        watcher.start();
        carryOut(schedule, platform, sim, watch::allTerminal, done, faultKinds);
      } else {
        watcher.start();
        soakReport = soak(schedule, platform, sim, clusters, clusterOf, watch, done, faultKinds);
        failures.addAll(soakReport.failures());
        deadline = Deadline.in(settings.deadline());
      }

      Map<String, JsonNode> last = watch.awaitAll(deadline);
      watch.stop();
      for (var e : clusterOf.entrySet()) {
        JsonNode u = last.get(e.getKey());
        String state = u == null ? "UNKNOWN" : u.path("state").asText();
        outcomes.merge(state, 1, Integer::sum);
        if (!"COMPLETED".equals(state) && u != null) {
          note(
              "ended "
                  + state
                  + ": upgrade "
                  + e.getKey()
                  + " of "
                  + e.getValue()
                  + ": "
                  + u.path("lastError").asText(""));
        }
        if (!TERMINAL.contains(state)) {
          failures.add(
              "not terminal within "
                  + settings.deadline()
                  + ": upgrade "
                  + e.getKey()
                  + " of "
                  + e.getValue()
                  + ", last seen "
                  + u);
        }
      }
      checkJournal(sim);
      Map<String, List<AuditLine>> history = checkAudit(last);
      checkTrafficNeverReturnsToBlue(sim, clusterOf, ruleOf, history);
    } catch (RuntimeException | AssertionError e) {
      failures.add("the run itself failed: " + e);
    }
    return new ChaosReport(
        settings.seed(),
        settings.upgrades(),
        done[0],
        done[1],
        done[2],
        faultKinds,
        outcomes,
        (System.nanoTime() - t0) / 1e9,
        List.copyOf(failures),
        List.copyOf(log),
        soakReport);
  }

  /**
   * The soak: rounds of {@code settings.upgrades()} upgrades, each requested once the previous one
   * ended (or its deadline passed), until the soak's duration is over, while the schedule runs on
   * its own thread and a {@link SoakMonitor} samples every service. Returns the services' figures
   * judged; the usual checks follow.
   */
  private SoakReport soak(
      ChaosSchedule schedule,
      Platform platform,
      CloudSim sim,
      List<Fleet.FleetCluster> pool,
      Map<String, String> clusterOf,
      Watch watch,
      int[] done,
      Map<String, Integer> faultKinds) {
    Soak soak = settings.soak();
    Path stateDir =
        Path.of(
            platform
                .service("orchestrator")
                .property("kafka-streams.state.dir")
                .orElseThrow(() -> new IllegalStateException("no orchestrator state dir")));
    Deadline end = Deadline.in(soak.duration());
    int round = 0;
    try (SoakMonitor monitor = new SoakMonitor(platform, stateDir, soak.interval()).start()) {
      Thread chaos =
          new Thread(
              () -> {
                try {
                  carryOut(schedule, platform, sim, end::passed, done, faultKinds);
                } catch (RuntimeException | AssertionError e) {
                  failures.add("the schedule failed: " + e);
                }
              },
              "chaos-schedule");
      chaos.start();
      int next = 0;
      while (!end.passed() && next < pool.size()) {
        round++;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < settings.upgrades() && next < pool.size(); i++, next++) {
          Fleet.FleetCluster c = pool.get(next);
          request(platform.api(), c)
              .ifPresent(
                  id -> {
                    ids.add(id);
                    clusterOf.put(id, c.name());
                  });
        }
        watch.add(ids);
        note("round " + round + ": " + ids.size() + " upgrades requested");
        Deadline roundDeadline = Deadline.in(settings.deadline());
        while (!watch.allTerminal(ids) && !roundDeadline.passed()) {
          roundDeadline.pause();
        }
        if (!watch.allTerminal(ids)) {
          note("round " + round + ": not every upgrade ended within " + settings.deadline());
        }
      }
      if (!end.passed()) {
        note("every generated cluster was upgraded; sampling on until the soak's end");
        while (!end.passed()) {
          end.pause();
        }
      }
      note("soak over after " + round + " rounds");
      try {
        chaos.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      return new SoakReport(
          soak.duration().toString(), soak.interval().toMillis() / 1000.0, round, monitor.judge());
    }
  }

  /**
   * Requests the upgrade of {@code c}, trying again while the orchestrator is down or answers 503
   * (a kill or a broker restart of the schedule); empty, noted, when it answers anything else.
   */
  private Optional<String> request(UpgradeApi api, Fleet.FleetCluster c) {
    Deadline deadline = Deadline.in(READY_WITHIN);
    while (true) {
      try {
        UpgradeApi.Answer answer = api.post("/upgrades", body(c));
        if (answer.status() == 202) {
          return Optional.of(answer.body().path("id").asText());
        }
        if (answer.status() != 503) {
          note(
              "upgrade of "
                  + c.name()
                  + " not requested: "
                  + answer.status()
                  + " "
                  + answer.body());
          return Optional.empty();
        }
      } catch (AssertionError unreachable) {
        // the orchestrator is down: it restarts within READY_WITHIN
      }
      if (deadline.passed()) {
        failures.add("could not request the upgrade of " + c.name() + " within " + READY_WITHIN);
        return Optional.empty();
      }
      deadline.pause();
    }
  }

  /**
   * Carries out the schedule: each action at its time from the start, until every action ran or the
   * run is {@code over} (every upgrade ended; a soak's time is up). Kills run on one thread per
   * service (a kill waits for that service's previous restart), faults on this one; afterwards
   * every fault is removed and every service is running and ready again.
   */
  private void carryOut(
      ChaosSchedule schedule,
      Platform platform,
      CloudSim sim,
      BooleanSupplier over,
      int[] done,
      Map<String, Integer> faultKinds) {
    Map<String, ExecutorService> perService = new LinkedHashMap<>();
    Platform.SERVICES.forEach(s -> perService.put(s, Executors.newSingleThreadExecutor()));
    ScheduledExecutorService removals = Executors.newSingleThreadScheduledExecutor();
    Set<String> active = ConcurrentHashMap.newKeySet();
    long start = System.nanoTime();
    try {
      for (ChaosSchedule.Action action : schedule.actions()) {
        if (over.getAsBoolean()) {
          note("the run is over; the rest of the schedule is not needed");
          break;
        }
        // The schedule's own seeded delay until the action is due: the point of a chaos run is
        // to act at random moments, so this is the one fixed wait here.
        sleepMillis(action.at().toMillis() - (System.nanoTime() - start) / 1_000_000);
        if (action instanceof ChaosSchedule.Kill kill) {
          done[0]++;
          perService.get(kill.service()).submit(() -> killAndRestart(platform, kill));
        } else if (action instanceof ChaosSchedule.CloudFault fault) {
          done[1]++;
          faultKinds.merge(fault.kind(), 1, Integer::sum);
          String id = sim.faults().add(fault.fault()).id();
          active.add(id);
          note("fault " + fault.summary());
          removals.schedule(
              () -> {
                if (active.remove(id)) {
                  sim.faults().remove(id);
                }
              },
              fault.lasting().toMillis(),
              TimeUnit.MILLISECONDS);
        } else if (action instanceof ChaosSchedule.BrokerRestart restart) {
          done[2]++;
          // On this thread: the schedule waits for the broker, as everything else must.
          restartBroker(restart);
        }
      }
    } finally {
      removals.shutdownNow();
      active.forEach(sim.faults()::remove);
      for (ExecutorService e : perService.values()) {
        e.shutdown();
        try {
          if (!e.awaitTermination(5, TimeUnit.MINUTES)) {
            failures.add("a service's restart did not finish within 5 minutes");
          }
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", ie);
        }
      }
    }
    platform.api().awaitQueryable(READY_WITHIN);
  }

  private void restartBroker(ChaosSchedule.BrokerRestart restart) {
    try {
      note("broker stopped, down " + restart.downFor());
      broker.stopBroker();
      // Seeded: how long the broker stays down is part of the schedule.
      sleepMillis(restart.downFor().toMillis());
      broker.restartBroker();
      note("broker started again");
    } catch (RuntimeException e) {
      failures.add("could not restart the broker: " + e);
    }
  }

  private void killAndRestart(Platform platform, ChaosSchedule.Kill kill) {
    ServiceProcess service = platform.service(kill.service());
    try {
      note("SIGKILL " + kill.service() + " (pid " + service.pid() + "), down " + kill.downFor());
      service.kill();
      // Seeded: how long the service stays down is part of the schedule.
      sleepMillis(kill.downFor().toMillis());
      service.restart().awaitReady(READY_WITHIN);
      note("restarted " + kill.service() + " (pid " + service.pid() + ")");
    } catch (RuntimeException | AssertionError e) {
      failures.add("could not kill and restart " + kill.service() + ": " + e);
    }
  }

  private void checkJournal(CloudSim sim) {
    List<JournalEntry> violations = sim.journal().violations();
    if (!violations.isEmpty()) {
      failures.add("journal violations: " + violations);
    }
    List<JournalEntry> twice = sim.journal().duplicateCreations();
    if (!twice.isEmpty()) {
      failures.add("created twice: " + twice);
    }
  }

  /**
   * Every upgrade's audit history holds its transition into the state the API reports (no record
   * lost), and replays through decide (REPRODUCED), ending in that state.
   */
  private Map<String, List<AuditLine>> checkAudit(Map<String, JsonNode> last) {
    Map<String, String> expected = new LinkedHashMap<>();
    last.forEach(
        (id, u) -> {
          if (TERMINAL.contains(u.path("state").asText())) {
            expected.put(id, u.path("state").asText());
          }
        });
    // The API shows an end as soon as the state store has it; the audit entry becomes readable
    // (read_committed) when the Streams transaction commits, a moment later.
    Deadline deadline = Deadline.in(Duration.ofSeconds(60));
    Map<String, List<AuditLine>> byUpgrade;
    Set<String> missing;
    do {
      byUpgrade = new LinkedHashMap<>();
      for (AuditLine line :
          new AuditReader(broker.bootstrapServers())
              .read(AuditReader.Selection.all())
              .inLogOrder()) {
        if (line.upgradeId() != null) {
          byUpgrade.computeIfAbsent(line.upgradeId(), k -> new ArrayList<>()).add(line);
        }
      }
      missing = new java.util.TreeSet<>();
      for (var e : expected.entrySet()) {
        if (!endsIn(byUpgrade.getOrDefault(e.getKey(), List.of()), e.getValue())) {
          missing.add(e.getKey());
        }
      }
      if (!missing.isEmpty()) {
        deadline.pause();
      }
    } while (!missing.isEmpty() && !deadline.passed());
    for (String id : missing) {
      failures.add(
          "lost: upgrade " + id + " is " + expected.get(id) + " but its audit log never says so");
    }
    // The orchestrator's own timeouts and retry policy: a retry's time depends on the policy.
    Replayer replayer =
        new Replayer(new UpgradeDecider(PhaseTimeouts.defaults(), ServiceSettings.RETRIES));
    for (var e : expected.entrySet()) {
      if (missing.contains(e.getKey())) {
        continue;
      }
      Replayer.Report report = replayer.replayLines(byUpgrade.get(e.getKey()));
      if (report.verdict() != Replayer.Verdict.REPRODUCED) {
        failures.add("upgrade " + e.getKey() + " does not replay: " + report.render());
      }
    }
    return byUpgrade;
  }

  /**
   * No command acted on twice in a way that undoes a later one: outside a rollback, blue's weight
   * on its listener rule only ever goes down, ModifyRule after ModifyRule in the journal. (A
   * redelivered, already-done step applied again after a later step moves traffic back to blue.)
   */
  private void checkTrafficNeverReturnsToBlue(
      CloudSim sim,
      Map<String, String> clusterOf,
      Map<String, String> ruleOf,
      Map<String, List<AuditLine>> history) {
    for (var e : clusterOf.entrySet()) {
      boolean rolledBack =
          history.getOrDefault(e.getKey(), List.of()).stream()
              .anyMatch(l -> l.to() != null && l.to().name().equals("ROLLING_BACK"));
      if (rolledBack) {
        continue;
      }
      String blueGroup = "tg-" + e.getValue();
      int blueWeight = 100;
      List<String> seen = new ArrayList<>();
      for (JournalEntry m : sim.journal().entries("ModifyRule")) {
        if (!ruleOf.get(e.getValue()).equals(m.resource()) || !"ok".equals(m.outcome())) {
          continue;
        }
        seen.add(m.note());
        int weight = 0; // a rule without blue's target group sends it nothing
        for (String target : m.note() == null ? new String[0] : m.note().split(",")) {
          String[] nameAndWeight = target.split("=");
          if (nameAndWeight.length == 2 && nameAndWeight[0].equals(blueGroup)) {
            weight = Integer.parseInt(nameAndWeight[1]);
          }
        }
        if (weight > blueWeight) {
          failures.add(
              "traffic moved back to blue outside a rollback: upgrade "
                  + e.getKey()
                  + " of "
                  + e.getValue()
                  + ", ModifyRules in order: "
                  + seen);
          break;
        }
        blueWeight = weight;
      }
    }
  }

  /** Whether the last transition of an upgrade's history is into {@code state}. */
  private static boolean endsIn(List<AuditLine> lines, String state) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      AuditLine line = lines.get(i);
      if (!line.rejected() && line.to() != null) {
        return state.equals(line.to().name());
      }
    }
    return false;
  }

  private void note(String what) {
    String line =
        String.format(
            "+%6.1fs %s", Duration.between(started, Instant.now()).toMillis() / 1000.0, what);
    log.add(line);
    System.out.println("chaos: " + line);
  }

  /** The first {@code n} clusters of a generated fleet that can be upgraded to the next minor. */
  private static List<Fleet.FleetCluster> upgradable(Fleet fleet, int n) {
    List<Fleet.FleetCluster> eligible = new ArrayList<>();
    // Every third generated cluster uses an API the next version removes; 1.34 has no successor.
    for (Fleet.FleetCluster c : fleet.clusters()) {
      if (c.deprecatedApis().isEmpty() && !c.version().equals("1.34") && eligible.size() < n) {
        eligible.add(c);
      }
    }
    if (eligible.size() < n) {
      throw new IllegalStateException("only " + eligible.size() + " upgradable clusters");
    }
    return eligible;
  }

  private static String body(Fleet.FleetCluster c) {
    String[] v = c.version().split("\\.");
    String target = v[0] + "." + (Integer.parseInt(v[1]) + 1);
    return "{\"cluster\":\"" + c.name() + "\",\"targetVersion\":\"" + target + "\"," + PLAN + "}";
  }

  private static Map<String, String> serviceSettings(CloudSim sim) {
    Map<String, String> p = new LinkedHashMap<>(ServiceSettings.cloud(sim));
    // A fleet this size in one region needs its EKS cluster quota raised, as a real one would.
    p.put("bluegreen.provisioner.quotas.clusters-per-region", "100000");
    // A SIGKILLed consumer keeps its partitions until its session times out (45 s by default):
    // six seconds (the broker's minimum) lets a restarted service get them back quickly.
    p.put("mp.messaging.incoming.commands.session.timeout.ms", "6000");
    p.put("mp.messaging.incoming.commands.heartbeat.interval.ms", "1000");
    p.put("kafka-streams.session.timeout.ms", "6000");
    p.put("kafka-streams.heartbeat.interval.ms", "1000");
    return p;
  }

  private static void sleepMillis(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Watches every upgrade through the API, a second between rounds, and keeps each as last seen. A
   * call that fails (the orchestrator is down, or Kafka Streams rebalances) is tried next round.
   */
  private static final class Watch implements Runnable {
    private final UpgradeApi api;
    private final List<String> ids = new CopyOnWriteArrayList<>();
    private final Map<String, JsonNode> last = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    Watch(UpgradeApi api) {
      this.api = api;
    }

    /** Watches these upgrades too (a soak's next round). */
    void add(Collection<String> more) {
      ids.addAll(more);
    }

    @Override
    public void run() {
      while (running) {
        for (String id : ids) {
          JsonNode seen = last.get(id);
          if (seen != null && TERMINAL.contains(seen.path("state").asText())) {
            continue;
          }
          try {
            UpgradeApi.Answer answer = api.get("/upgrades/" + id);
            if (answer.status() == 200) {
              last.put(id, answer.body());
            }
          } catch (AssertionError unreachable) {
            break; // the orchestrator is down: try again next round
          }
        }
        sleepMillis(1_000);
      }
    }

    boolean allTerminal() {
      return allTerminal(ids);
    }

    boolean allTerminal(Collection<String> these) {
      return these.stream()
          .allMatch(
              id -> last.get(id) != null && TERMINAL.contains(last.get(id).path("state").asText()));
    }

    Map<String, JsonNode> awaitAll(Deadline deadline) {
      while (!allTerminal() && !deadline.passed()) {
        deadline.pause();
      }
      return new LinkedHashMap<>(last);
    }

    void stop() {
      running = false;
    }
  }
}
