package dev.bluegreen.e2e.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.CloudSimConfig;
import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.cloudsim.core.Fleet;
import dev.bluegreen.cloudsim.core.FleetGenerator;
import dev.bluegreen.cloudsim.core.JournalEntry;
import dev.bluegreen.contracts.events.CampaignTransitioned;
import dev.bluegreen.contracts.events.MemberCommand;
import dev.bluegreen.e2e.Platform;
import dev.bluegreen.e2e.ServiceProcess;
import dev.bluegreen.e2e.ServiceSettings;
import dev.bluegreen.e2e.UpgradeApi;
import dev.bluegreen.e2e.WebhookInbox;
import dev.bluegreen.replay.AuditReader;
import dev.bluegreen.replay.CampaignAuditReader;
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
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A chaos run: N concurrent upgrades of a generated fleet on the whole platform (every service its
 * own JVM, a real broker, cloud-sim), while a {@link ChaosSchedule} SIGKILLs and restarts services
 * and injects cloud faults. Then the checks, each a hard failure: every upgrade terminal within the
 * deadline; no journal violation and nothing created twice; every upgrade's audit log holds its
 * terminal entry and replays through decide (REPRODUCED) to the state the API reports; the notifier
 * (started, and killed, with the rest) posted every end and nothing that did not happen ({@link
 * NotificationCheck}); stuck resources were waited out; a fleet campaign run beside the upgrades
 * ended, with one upgrade per member, each ended.
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
   * @param mix how many kills, cloud faults, broker restarts, notifier kills and stuck resources
   *     over the window
   * @param campaignMembers how many other clusters one fleet campaign upgrades beside the upgrades
   *     (0: no campaign; never in a soak)
   * @param window the stretch of time the kills and faults fall in, from the first request
   * @param deadline by when, from the first request, every upgrade and the campaign must be
   *     terminal (in a soak: every upgrade of a round, from the round's requests, and every upgrade
   *     from the soak's end)
   * @param soak how long to keep requesting rounds and sampling the services; null for one round
   */
  public record Settings(
      long seed,
      int upgrades,
      ChaosSchedule.Mix mix,
      int campaignMembers,
      Duration window,
      Duration deadline,
      Soak soak) {

    /** One round of {@code upgrades} at once, no notifier kills, stuck resources or campaign. */
    public Settings(
        long seed,
        int upgrades,
        int kills,
        int faults,
        int brokerRestarts,
        Duration window,
        Duration deadline) {
      this(
          seed,
          upgrades,
          new ChaosSchedule.Mix(kills, faults, brokerRestarts),
          0,
          window,
          deadline,
          null);
    }
  }

  /** The statuses a campaign ends in. */
  public static final Set<String> CAMPAIGN_ENDED = Set.of("COMPLETED", "CANCELLED", "ROLLED_BACK");

  /**
   * A soak: round after round of upgrades for {@code duration} (the schedule's window should be as
   * long), every service sampled every {@code interval} and judged by {@link Growth}.
   *
   * @param duration how long rounds are requested and the services sampled
   * @param interval the time between two samples
   * @param maxRounds at most this many rounds: the fleet is generated for them up front
   */
  public record Soak(Duration duration, Duration interval, int maxRounds) {}

  private final ChaosKafka kafka;
  private final Settings settings;
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Integer> killsByService = new ConcurrentHashMap<>();

  /** Times two Kafka nodes were lost at once. */
  private final AtomicInteger brokersLost = new AtomicInteger();

  /** Upgrade id to the cluster it upgrades, in request order: what a stuck resource picks from. */
  private final Map<String, String> clusterOf = Collections.synchronizedMap(new LinkedHashMap<>());

  /** The fleet's clusters by name: blue's node groups, for a stuck resource. */
  private final Map<String, Fleet.FleetCluster> fleetByName = new LinkedHashMap<>();

  private volatile Instant started;
  private volatile Watch watch;

  /** Every stuck resource in place (a schedule's, and the long holds put in place at requests). */
  private final List<Hold> holds = new CopyOnWriteArrayList<>();

  /**
   * The long holds by the upgrade they hold, in request order (see {@link
   * ChaosSchedule.LongStuck}).
   */
  private final Map<String, Hold> longHolds = Collections.synchronizedMap(new LinkedHashMap<>());

  private ChaosRun(ChaosKafka kafka, Settings settings) {
    this.kafka = kafka;
    this.settings = settings;
  }

  /** Runs the chaos against {@code broker} and returns what happened and what failed. */
  public static ChaosReport run(KafkaBroker broker, Settings settings) {
    return run(ChaosKafka.of(broker), settings);
  }

  /**
   * Runs the chaos against {@code kafka} (one broker, or a cluster whose nodes the broker restarts
   * crash) and returns what happened and what failed.
   */
  public static ChaosReport run(ChaosKafka kafka, Settings settings) {
    return new ChaosRun(kafka, settings).run();
  }

  private ChaosReport run() {
    ChaosSchedule schedule =
        ChaosSchedule.generate(
            settings.seed(), settings.mix(), settings.window(), Platform.SERVICES);
    int members = settings.soak() == null ? settings.campaignMembers() : 0;
    System.out.printf(
        "chaos: seed %d (repeat with --seed %d): %d upgrades, %d kills (%d of the notifier), %d"
            + " faults, %d stuck resources (%d past a phase timeout), %d broker restarts over %s;"
            + " a campaign of %d%n",
        settings.seed(),
        settings.seed(),
        settings.upgrades(),
        schedule.kills(),
        settings.mix().notifierKills(),
        schedule.faults(),
        schedule.stuckResources(),
        schedule.longStuck().size(),
        schedule.brokerRestarts(),
        settings.window(),
        members);
    int rounds = settings.soak() == null ? 1 : settings.soak().maxRounds();
    int upgradesInAll = settings.upgrades() * rounds;
    Fleet generated = FleetGenerator.generate((upgradesInAll + members) * 3 + 3);
    List<Fleet.FleetCluster> everyCluster = upgradable(generated, upgradesInAll + members);
    List<Fleet.FleetCluster> clusters = everyCluster.subList(0, upgradesInAll);
    List<Fleet.FleetCluster> campaignClusters =
        everyCluster.subList(upgradesInAll, everyCluster.size());
    everyCluster.forEach(c -> fleetByName.put(c.name(), c));
    // The cloud holds the clusters to upgrade (a soak: every round's) and the campaign's, and
    // nothing else, so fleet-wide reads stay short.
    Fleet fleet = new Fleet(generated.managementCluster(), generated.teams(), everyCluster);
    Map<String, Integer> outcomes = new TreeMap<>();
    Map<String, Integer> faultKinds = new TreeMap<>();
    int[] done = new int[5]; // kills, faults, broker restarts, stuck resources, of them held
    SoakReport soakReport = null;
    NotificationCheck notifications = null;
    CampaignOutcome campaign = null;
    List<String> longStuckEnds = List.of();
    long t0 = System.nanoTime();
    try (CloudSim sim =
            CloudSim.start(
                CloudSimConfig.defaults()
                    .withFleet(fleet)
                    .withTimeCompression(TIME_COMPRESSION)
                    .withRandomSeed(settings.seed()));
        WebhookInbox inbox = WebhookInbox.start();
        Platform platform =
            Platform.start(
                kafka.bootstrapServers(),
                serviceSettings(sim, kafka),
                ServiceProcess.DEFAULT_HEAP,
                Platform.withNotifier(),
                onlyFor(inbox))) {
      UpgradeApi api = platform.api();
      // Blue's listener rule, read now: the simulator forgets it once blue is retired.
      Map<String, String> ruleOf = new LinkedHashMap<>();
      everyCluster.forEach(c -> ruleOf.put(c.name(), sim.ruleArnOf(c.name()).orElseThrow()));
      started = Instant.now();
      watch = new Watch(api);
      Thread watcher = new Thread(watch, "chaos-watch");
      watcher.setDaemon(true);
      Deadline deadline;
      String campaignId = null;
      if (settings.soak() == null) {
        deadline = Deadline.in(settings.deadline());
        Map<Integer, ChaosSchedule.LongStuck> longStuck = longStuckByIndex(schedule);
        for (int i = 0; i < clusters.size(); i++) {
          Fleet.FleetCluster c = clusters.get(i);
          ChaosSchedule.LongStuck hold = longStuck.get(i);
          if (hold == null) {
            clusterOf.put(api.requestUpgrade(body(c)), c.name());
          } else {
            requestLongStuck(api, sim, c, hold, faultKinds);
          }
        }
        watch.add(clusterOf.keySet());
        if (!campaignClusters.isEmpty()) {
          campaignId = api.createCampaign(campaignBody(campaignClusters), false);
          watch.campaign(campaignId);
          note("campaign " + campaignId + " of " + campaignClusters.size() + " clusters started");
        }
        watcher.start();
        carryOut(schedule, platform, sim, watch::allTerminal, done, faultKinds);
      } else {
        watcher.start();
        soakReport = soak(schedule, platform, sim, clusters, clusterOf, watch, done, faultKinds);
        failures.addAll(soakReport.failures());
        deadline = Deadline.in(settings.deadline());
      }

      Map<String, JsonNode> last = watch.awaitAll(deadline);
      Map<String, String> memberOf = new LinkedHashMap<>();
      if (campaignId != null) {
        campaign = checkCampaign(api, campaignId, watch.lastCampaign(), campaignClusters, last);
        campaign.upgradeOf().forEach((member, id) -> memberOf.put(id, member));
        // The members' upgrades go through the same checks as the others from here on.
        watch.add(memberOf.keySet());
        last = watch.awaitAll(deadline);
      }
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
      longStuckEnds = checkEnds(sim, last, memberOf);
      checkJournal(sim);
      Map<String, List<AuditLine>> history = checkAudit(last);
      Map<String, String> everyUpgrade = new LinkedHashMap<>(clusterOf);
      everyUpgrade.putAll(memberOf);
      checkTrafficNeverReturnsToBlue(sim, everyUpgrade, ruleOf, history);
      if (campaign != null) {
        checkOneUpgradePerMember(campaign, history);
      }
      notifications = checkNotifications(api, inbox, last, campaign, history);
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
        soakReport,
        new TreeMap<>(killsByService),
        done[3],
        done[4],
        notifications,
        campaign,
        settings.mix(),
        longStuckEnds,
        kafka.nodes(),
        brokersLost.get());
  }

  /**
   * One campaign over {@code members}, each to its next minor: two waves (the first takes half),
   * two members at a time, a failure budget of 100% (a failed member never stops the line: the
   * chaos may fail one), no gates, the chaos run's plan for every member.
   */
  private static String campaignBody(List<Fleet.FleetCluster> members) {
    String selector = String.join(",", members.stream().map(c -> "\"" + c.name() + "\"").toList());
    String waves =
        members.size() < 2
            ? "[{\"name\":\"all\"}]"
            : "[{\"name\":\"first\",\"limit\":"
                + (members.size() + 1) / 2
                + "},{\"name\":\"rest\"}]";
    return "{\"name\":\"chaos\",\"targetVersion\":\"next\",\"maxConcurrency\":\"2\","
        + "\"failureBudget\":\"100%\",\"selector\":{\"clusters\":["
        + selector
        + "]},\"waves\":"
        + waves
        + ",\"plan\":{"
        + PLAN
        + "}}";
  }

  /**
   * The campaign ended within the deadline; no member got two upgrades (the campaign's audit log
   * starts one upgrade per member, the one the API shows, and the upgrade audit log holds no other
   * upgrade of the member since the campaign began); every member's upgrade ended. Returns what the
   * campaign did; its members' upgrades then go through the upgrades' checks.
   */
  private CampaignOutcome checkCampaign(
      UpgradeApi api,
      String id,
      JsonNode seen,
      List<Fleet.FleetCluster> members,
      Map<String, JsonNode> lastUpgrades) {
    String status = seen == null ? "UNKNOWN" : seen.path("status").asText();
    if (!CAMPAIGN_ENDED.contains(status)) {
      failures.add(
          "campaign "
              + id
              + " not ended within "
              + settings.deadline()
              + ", last seen "
              + (seen == null ? "never" : seen.path("status") + " " + seen.path("counts")));
    }
    Map<String, String> upgradeOf = new TreeMap<>();
    Map<String, String> memberStatus = new TreeMap<>();
    int waves = 0;
    if (seen != null) {
      for (JsonNode wave : seen.path("waves")) {
        waves++;
        for (JsonNode m : wave.path("members")) {
          memberStatus.put(m.path("cluster").asText(), m.path("status").asText());
          if (!m.path("upgradeId").asText("").isEmpty()) {
            upgradeOf.put(m.path("cluster").asText(), m.path("upgradeId").asText());
          }
        }
      }
    }
    // The campaign's audit log: every START a decision sent, per member.
    Map<String, Set<String>> started = new TreeMap<>();
    Deadline committed = Deadline.in(Duration.ofSeconds(60));
    while (true) {
      started.clear();
      for (CampaignTransitioned t :
          new CampaignAuditReader(kafka.bootstrapServers()).read(id).entries()) {
        for (MemberCommand c : t.commands()) {
          if ("START".equals(c.action())) {
            started.computeIfAbsent(c.member(), k -> new TreeSet<>()).add(c.upgradeId());
          }
        }
      }
      // The API shows a decision before its transaction commits: read until they agree.
      if (started.keySet().containsAll(upgradeOf.keySet()) || committed.passed()) {
        break;
      }
      committed.pause();
    }
    for (var e : started.entrySet()) {
      if (e.getValue().size() > 1) {
        failures.add(
            "campaign " + id + " started member " + e.getKey() + " twice: " + e.getValue());
      }
      String shown = upgradeOf.get(e.getKey());
      if (shown != null && !e.getValue().contains(shown)) {
        failures.add(
            "campaign "
                + id
                + ": the API shows upgrade "
                + shown
                + " for "
                + e.getKey()
                + ", its audit log started "
                + e.getValue());
      }
    }
    for (String member : upgradeOf.keySet()) {
      if (!started.containsKey(member)) {
        failures.add(
            "campaign "
                + id
                + ": member "
                + member
                + " has an upgrade its audit log never started");
      }
    }
    Map<String, Integer> outcomes = new TreeMap<>();
    for (var e : upgradeOf.entrySet()) {
      JsonNode u = null;
      try {
        UpgradeApi.Answer answer = api.get("/upgrades/" + e.getValue());
        u = answer.status() == 200 ? answer.body() : null;
      } catch (AssertionError unreachable) {
        // counted as UNKNOWN below
      }
      String state = u == null ? "UNKNOWN" : u.path("state").asText();
      outcomes.merge(state, 1, Integer::sum);
      if (!TERMINAL.contains(state)) {
        failures.add(
            "campaign "
                + id
                + ": member "
                + e.getKey()
                + "'s upgrade "
                + e.getValue()
                + " not terminal, last seen "
                + state);
      }
    }
    Set<String> names = new TreeSet<>();
    members.forEach(c -> names.add(c.name()));
    names.removeAll(memberStatus.keySet());
    if (!names.isEmpty() && seen != null) {
      note("campaign " + id + " left out " + names);
    }
    note("campaign " + id + " ended " + status + ": members " + memberStatus);
    return new CampaignOutcome(
        id,
        members.size(),
        waves,
        status,
        new TreeMap<>(
            memberStatus.values().stream()
                .collect(java.util.stream.Collectors.toMap(v -> v, v -> 1, Integer::sum))),
        outcomes,
        upgradeOf);
  }

  /**
   * No member got a second upgrade behind the campaign's back: since the run started, the upgrade
   * audit log holds one upgrade per member cluster, the campaign's. (The broker may be shared with
   * earlier runs that upgraded clusters of the same names: those began before this run.)
   */
  private void checkOneUpgradePerMember(
      CampaignOutcome campaign, Map<String, List<AuditLine>> history) {
    Map<String, Set<String>> upgradesOf = new TreeMap<>();
    campaign.upgradeOf().keySet().forEach(m -> upgradesOf.put(m, new TreeSet<>()));
    history.forEach(
        (id, lines) -> {
          AuditLine first = lines.get(0);
          if (upgradesOf.containsKey(first.cluster()) && !first.at().isBefore(started)) {
            upgradesOf.get(first.cluster()).add(id);
          }
        });
    upgradesOf.forEach(
        (member, ids) -> {
          if (ids.size() > 1) {
            failures.add(
                "campaign "
                    + campaign.id()
                    + ": member "
                    + member
                    + " has "
                    + ids.size()
                    + " upgrades in the audit log: "
                    + ids
                    + ", the campaign's is "
                    + campaign.upgradeOf().get(member));
          }
        });
  }

  /**
   * What the notifier posted, awaited until every end is there (or a minute passed), then held
   * against the audit logs by {@link NotificationCheck}.
   */
  private NotificationCheck checkNotifications(
      UpgradeApi api,
      WebhookInbox inbox,
      Map<String, JsonNode> last,
      CampaignOutcome campaign,
      Map<String, List<AuditLine>> history) {
    Map<String, String> ended = new LinkedHashMap<>();
    last.forEach(
        (id, u) -> {
          if (TERMINAL.contains(u.path("state").asText())) {
            ended.put(id, u.path("state").asText());
          }
        });
    Map<String, String> campaignsEnded = new LinkedHashMap<>();
    if (campaign != null && CAMPAIGN_ENDED.contains(campaign.status())) {
      campaignsEnded.put(campaign.id(), campaign.status());
    }
    Deadline deadline = Deadline.in(Duration.ofSeconds(60));
    while (!NotificationCheck.everyEndPosted(inbox.bodies(), ended, campaignsEnded)
        && !deadline.passed()) {
      deadline.pause();
    }
    Map<String, Set<String>> transitions = new LinkedHashMap<>();
    history.forEach(
        (id, lines) -> {
          Set<String> changes = new java.util.HashSet<>();
          for (AuditLine l : lines) {
            if (!l.rejected() && l.to() != null) {
              changes.add(l.from() == null ? "→ " + l.to() : l.from() + " → " + l.to());
            }
          }
          transitions.put(id, changes);
        });
    // The broker is shared with earlier runs: every campaign the orchestrator knows exists.
    Set<String> campaigns = new java.util.HashSet<>();
    UpgradeApi.Answer listed = api.get("/campaigns");
    if (listed.status() == 200) {
      listed.body().forEach(c -> campaigns.add(c.path("campaignId").asText()));
    }
    if (campaign != null) {
      campaigns.add(campaign.id());
    }
    NotificationCheck check =
        NotificationCheck.of(inbox.bodies(), transitions, ended, campaigns, campaignsEnded);
    failures.addAll(check.failures());
    note(
        "notifier: "
            + check.posted()
            + " posts ("
            + check.repeated()
            + " repeated), the end of "
            + check.endsPosted()
            + " of "
            + ended.size()
            + " upgrades posted");
    return check;
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
    platform.services().forEach(s -> perService.put(s, Executors.newSingleThreadExecutor()));
    ScheduledExecutorService removals = Executors.newSingleThreadScheduledExecutor();
    Set<String> active = ConcurrentHashMap.newKeySet();
    ScheduledExecutorService holdWatch = Executors.newSingleThreadScheduledExecutor();
    UpgradeApi api = platform.api();
    holdWatch.scheduleWithFixedDelay(
        () -> tick(sim, api, holds, faultKinds, done), 250, 250, TimeUnit.MILLISECONDS);
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
        } else if (action instanceof ChaosSchedule.StuckResource stuck) {
          hold(stuck, platform, sim, faultKinds, done).ifPresent(holds::add);
        } else if (action instanceof ChaosSchedule.LongStuck) {
          // Put in place as its upgrade was requested (requestLongStuck): nothing to do now.
        } else if (action instanceof ChaosSchedule.BrokerRestart restart) {
          done[2]++;
          // On this thread: the schedule waits for the broker, as everything else must.
          restartBroker(restart);
        } else if (action instanceof ChaosSchedule.BrokersLost lost) {
          if (kafka.nodes() < 3) {
            note("two brokers lost: not on " + kafka.nodes() + " node(s), skipped");
          } else {
            brokersLost.incrementAndGet();
            // On this thread too: nothing else is done while the cluster cannot take writes.
            crashBrokers(lost.lost(kafka.nodes()), lost.downFor());
          }
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
      // A hold ends by itself: its time after the resource began changing, or its upgrade's end.
      Deadline holdsEnd = Deadline.in(settings.deadline());
      while (!holds.isEmpty() && !holdsEnd.passed()) {
        holdsEnd.pause();
      }
      holdWatch.shutdownNow();
      for (Hold h : holds) {
        if (h.pendingFor == null) {
          release(sim, h, "at the run's deadline");
        } else {
          note(h.pendingFor.target().kind() + ": member " + h.member + " not started in time");
        }
      }
    }
    platform.api().awaitQueryable(READY_WITHIN);
  }

  /**
   * A stuck resource in place: its STUCK fault, the resource it holds, the upgrade it belongs to,
   * how long to hold it once it changes, and since when it is changing (null: not yet).
   */
  private static final class Hold {
    String faultId;
    String key;
    String upgradeId;
    final Duration lasting;
    Instant changingSince;

    /** How long it held its resource mid-change, once let go after holding it; else null. */
    volatile Duration heldFor;

    /** The upgrade's green cluster (a long hold's), for the checks. */
    String green;

    /** A hold waiting for this campaign member to start (its green is named then); else null. */
    ChaosSchedule.StuckResource pendingFor;

    String member;

    Hold(String faultId, String key, String upgradeId, Duration lasting) {
      this.faultId = faultId;
      this.key = key;
      this.upgradeId = upgradeId;
      this.lasting = lasting;
    }

    /** A hold of a member's green, put in place once the campaign started the member. */
    static Hold pending(ChaosSchedule.StuckResource stuck, String member) {
      Hold h = new Hold(null, null, null, stuck.lasting());
      h.pendingFor = stuck;
      h.member = member;
      return h;
    }
  }

  /** The lifecycle states a resource is changing in: those a STUCK fault keeps it in. */
  private static final Set<String> CHANGING = Set.of("CREATING", "UPDATING", "DELETING");

  /**
   * Each hold's next step: it starts counting when its resource is first seen changing and lets it
   * go {@code lasting} later; one whose resource never changed goes when its upgrade ended.
   */
  private void tick(
      CloudSim sim, UpgradeApi api, List<Hold> holds, Map<String, Integer> faultKinds, int[] done) {
    try {
      for (Hold h : holds) {
        if (h.pendingFor != null) {
          startPending(sim, api, h, holds, faultKinds, done);
          continue;
        }
        Optional<String> state = lifecycleState(sim, h.key).filter(CHANGING::contains);
        if (h.changingSince == null && state.isPresent()) {
          h.changingSince = Instant.now();
          note("holding " + h.key + " " + state.get() + " for " + h.lasting.toMillis() + " ms");
        }
        if (h.changingSince != null
            && Duration.between(h.changingSince, Instant.now()).compareTo(h.lasting) >= 0) {
          if (h.green == null) {
            done[4]++; // a long hold (its green named) is reported on its own
          }
          h.heldFor = Duration.between(h.changingSince, Instant.now());
          release(sim, h, "after holding it " + state.orElse("(it changed meanwhile)"));
          holds.remove(h);
        } else if (h.changingSince == null && watch.ended(h.upgradeId)) {
          release(sim, h, "unchanged: its upgrade ended");
          holds.remove(h);
        }
      }
    } catch (RuntimeException e) {
      failures.add("the stuck resources' watch failed: " + e);
    }
  }

  /**
   * A pending hold of a campaign member's green: put in place as soon as the campaign shows the
   * member's upgrade and the API its green's name (before green is created, or while it is);
   * dropped when the member ends without one.
   */
  private void startPending(
      CloudSim sim,
      UpgradeApi api,
      Hold h,
      List<Hold> holds,
      Map<String, Integer> faultKinds,
      int[] done) {
    JsonNode campaign = watch.lastCampaign();
    if (campaign == null) {
      return;
    }
    for (JsonNode wave : campaign.path("waves")) {
      for (JsonNode m : wave.path("members")) {
        if (!h.member.equals(m.path("cluster").asText())) {
          continue;
        }
        String upgradeId = m.path("upgradeId").asText("");
        if (upgradeId.isEmpty()) {
          if (CAMPAIGN_ENDED.contains(campaign.path("status").asText())
              || Set.of("SKIPPED", "FAILED", "CANCELLED").contains(m.path("status").asText())) {
            note(h.pendingFor.target().kind() + ": member " + h.member + " never started");
            holds.remove(h);
          }
          return;
        }
        Optional<String> green = greenOf(api, upgradeId);
        if (green.isEmpty()) {
          return;
        }
        ChaosSchedule.StuckResource stuck = h.pendingFor;
        h.key = keyOf(stuck.target(), green.get(), h.member);
        h.upgradeId = upgradeId;
        h.faultId = sim.faults().add(Fault.stuck(h.key)).id();
        h.pendingFor = null;
        done[3]++;
        faultKinds.merge(stuck.target().kind(), 1, Integer::sum);
        note(
            stuck.target().kind()
                + ": "
                + h.key
                + " (campaign member "
                + h.member
                + ", upgrade "
                + upgradeId
                + ") held "
                + stuck.lasting().toMillis()
                + " ms once it changes, now "
                + lifecycleState(sim, h.key).orElse("absent"));
        return;
      }
    }
  }

  /** The resource key a target names: a cluster, or its first node group (named as blue's). */
  private String keyOf(ChaosSchedule.Target target, String cluster, String blue) {
    if (target == ChaosSchedule.Target.GREEN_NODEGROUP
        || target == ChaosSchedule.Target.BLUE_NODEGROUP) {
      return cluster + "/" + fleetByName.get(blue).nodeGroups().get(0).name();
    }
    return cluster;
  }

  /** The campaign's members it has not started yet, as last seen. */
  private List<String> membersNotStarted() {
    JsonNode campaign = watch == null ? null : watch.lastCampaign();
    List<String> members = new ArrayList<>();
    if (campaign != null) {
      for (JsonNode wave : campaign.path("waves")) {
        for (JsonNode m : wave.path("members")) {
          if (m.path("upgradeId").asText("").isEmpty()
              && "PENDING".equals(m.path("status").asText())) {
            members.add(m.path("cluster").asText());
          }
        }
      }
    }
    return members;
  }

  /**
   * Holds the stuck resource's target of the upgrade it picks among those requested so far; empty
   * (noted) when there is none yet or green's name is not known yet. A green target with no upgrade
   * left before green waits for a campaign member not started yet, when there is one.
   */
  private Optional<Hold> hold(
      ChaosSchedule.StuckResource stuck,
      Platform platform,
      CloudSim sim,
      Map<String, Integer> faultKinds,
      int[] done) {
    boolean greenTarget =
        stuck.target() == ChaosSchedule.Target.GREEN_CLUSTER
            || stuck.target() == ChaosSchedule.Target.GREEN_NODEGROUP;
    List<Map.Entry<String, String>> unchanged = unchanged(stuck.target());
    List<String> notStarted = membersNotStarted();
    if (greenTarget && unchanged.isEmpty() && !notStarted.isEmpty()) {
      String member = notStarted.get(stuck.upgradeIndex(notStarted.size()));
      note(stuck.target().kind() + ": waits for campaign member " + member + " to start");
      return Optional.of(Hold.pending(stuck, member));
    }
    List<Map.Entry<String, String>> requested = unchanged.isEmpty() ? requested() : unchanged;
    if (requested.isEmpty()) {
      note(stuck.target().kind() + ": no upgrade requested yet, nothing held");
      return Optional.empty();
    }
    Map.Entry<String, String> upgrade = requested.get(stuck.upgradeIndex(requested.size()));
    String blue = upgrade.getValue();
    String cluster = blue;
    if (stuck.target() == ChaosSchedule.Target.GREEN_CLUSTER
        || stuck.target() == ChaosSchedule.Target.GREEN_NODEGROUP) {
      cluster = greenOf(platform.api(), upgrade.getKey()).orElse(null);
      if (cluster == null) {
        note(stuck.target().kind() + ": green of " + blue + " not known yet, nothing held");
        return Optional.empty();
      }
    }
    String key = keyOf(stuck.target(), cluster, blue);
    String id = sim.faults().add(Fault.stuck(key)).id();
    done[3]++;
    faultKinds.merge(stuck.target().kind(), 1, Integer::sum);
    note(
        stuck.target().kind()
            + ": "
            + key
            + " (upgrade "
            + upgrade.getKey()
            + ") held "
            + stuck.lasting().toMillis()
            + " ms once it changes, now "
            + lifecycleState(sim, key).orElse("absent"));
    return Optional.of(new Hold(id, key, upgrade.getKey(), stuck.lasting()));
  }

  /** The states an upgrade is in before green's cluster is created. */
  private static final Set<String> BEFORE_GREEN_CLUSTER =
      Set.of("REQUESTED", "PREFLIGHT", "AWAITING_WINDOW");

  /** The states an upgrade is in before green's node groups are all ACTIVE. */
  private static final Set<String> BEFORE_GREEN_NODEGROUPS =
      Set.of("REQUESTED", "PREFLIGHT", "AWAITING_WINDOW", "PROVISIONING");

  /**
   * The upgrades requested so far, upgrade id to blue cluster, in request order, the campaign's
   * members' once it started them.
   */
  private List<Map.Entry<String, String>> requested() {
    return requested(new LinkedHashMap<>());
  }

  /**
   * The upgrades a stuck resource may pick from, as {@link #requested()}: those whose target has
   * yet to change as last seen (green's resources are created in the first seconds; holding a green
   * that is ACTIVE holds nothing).
   */
  private List<Map.Entry<String, String>> unchanged(ChaosSchedule.Target target) {
    Map<String, String> stateOf = new LinkedHashMap<>();
    List<Map.Entry<String, String>> requested = requested(stateOf);
    Set<String> before =
        switch (target) {
          case GREEN_CLUSTER -> BEFORE_GREEN_CLUSTER;
          case GREEN_NODEGROUP -> BEFORE_GREEN_NODEGROUPS;
          default -> null;
        };
    return requested.stream()
        .filter(
            e -> {
              String state = stateOf.get(e.getKey());
              return before != null ? before.contains(state) : !TERMINAL.contains(state);
            })
        .toList();
  }

  /** As {@link #requested()}; {@code stateOf} gets each upgrade's state as last seen. */
  private List<Map.Entry<String, String>> requested(Map<String, String> stateOf) {
    List<Map.Entry<String, String>> requested;
    synchronized (clusterOf) {
      requested = new ArrayList<>(clusterOf.entrySet());
    }
    for (Map.Entry<String, String> e : requested) {
      JsonNode seen = watch == null ? null : watch.last(e.getKey());
      stateOf.put(e.getKey(), seen == null ? "REQUESTED" : seen.path("state").asText());
    }
    JsonNode campaign = watch == null ? null : watch.lastCampaign();
    if (campaign != null) {
      for (JsonNode wave : campaign.path("waves")) {
        for (JsonNode m : wave.path("members")) {
          if (!m.path("upgradeId").asText("").isEmpty()) {
            requested.add(Map.entry(m.path("upgradeId").asText(), m.path("cluster").asText()));
            stateOf.put(m.path("upgradeId").asText(), m.path("upgradeState").asText("REQUESTED"));
          }
        }
      }
    }
    return requested;
  }

  /** Lets a stuck resource go. */
  private void release(CloudSim sim, Hold hold, String why) {
    sim.faults().remove(hold.faultId);
    note("released " + hold.key + " " + why);
  }

  /** The status of a cluster ({@code name}) or node group ({@code cluster/name}) in the cloud. */
  private static Optional<String> lifecycleState(CloudSim sim, String key) {
    int slash = key.indexOf('/');
    if (slash < 0) {
      return sim.clusterStatus(key);
    }
    return sim.inspect(
        w -> {
          String cluster = key.substring(0, slash);
          String name = key.substring(slash + 1);
          if (w.eks().clusters().find(cluster).isEmpty()
              || !w.eks().nodegroups().list(cluster).contains(name)) {
            return Optional.empty();
          }
          return Optional.of(w.eks().nodegroups().describe(cluster, name).status.name());
        });
  }

  /** Green's name, as the API last showed the upgrade (asked again when not yet seen). */
  private Optional<String> greenOf(UpgradeApi api, String upgradeId) {
    JsonNode seen = watch == null ? null : watch.last(upgradeId);
    if (seen == null) {
      try {
        UpgradeApi.Answer answer = api.get("/upgrades/" + upgradeId);
        seen = answer.status() == 200 ? answer.body() : null;
      } catch (AssertionError unreachable) {
        return Optional.empty();
      }
    }
    String green = seen == null ? "" : seen.path("greenCluster").asText("");
    return green.isEmpty() ? Optional.empty() : Optional.of(green);
  }

  private void restartBroker(ChaosSchedule.BrokerRestart restart) {
    crashBrokers(List.of(restart.node(kafka.nodes())), restart.downFor());
  }

  /**
   * Crashes {@code nodes} of the Kafka cluster (the one broker: stops it), leaves them down for
   * {@code downFor} and starts them again, waiting until every node serves clients.
   */
  private void crashBrokers(List<Integer> nodes, Duration downFor) {
    String which = kafka.nodes() == 1 ? "broker" : "Kafka node(s) " + nodes;
    try {
      note(which + (kafka.nodes() == 1 ? " stopped" : " SIGKILLed") + ", down " + downFor);
      kafka.crash(nodes);
      // Seeded: how long the broker stays down is part of the schedule.
      sleepMillis(downFor.toMillis());
      kafka.start(nodes);
      note(which + " started again");
    } catch (RuntimeException | AssertionError e) {
      failures.add("could not restart " + which + ": " + e);
    }
  }

  private void killAndRestart(Platform platform, ChaosSchedule.Kill kill) {
    ServiceProcess service = platform.service(kill.service());
    killsByService.merge(kill.service(), 1, Integer::sum);
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
          new AuditReader(kafka.bootstrapServers())
              .read(AuditReader.Selection.all())
              .inLogOrder()) {
        if (line.upgradeId() != null) {
          byUpgrade.computeIfAbsent(line.upgradeId(), k -> new ArrayList<>()).add(line);
        }
      }
      missing = new TreeSet<>();
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
    return body(c, "");
  }

  /**
   * The request of {@code c}'s upgrade to its next minor, {@code more} (JSON fields) in its plan.
   */
  private static String body(Fleet.FleetCluster c, String more) {
    String[] v = c.version().split("\\.");
    String target = v[0] + "." + (Integer.parseInt(v[1]) + 1);
    return "{\"cluster\":\""
        + c.name()
        + "\",\"targetVersion\":\""
        + target
        + "\","
        + PLAN
        + more
        + "}";
  }

  /**
   * The schedule's long holds by the index of the upgrade each holds among the run's upgrades (two
   * never hold the same one; more than the upgrades are left out).
   */
  private Map<Integer, ChaosSchedule.LongStuck> longStuckByIndex(ChaosSchedule schedule) {
    Map<Integer, ChaosSchedule.LongStuck> byIndex = new TreeMap<>();
    for (ChaosSchedule.LongStuck l : schedule.longStuck()) {
      int index = l.upgradeIndex(settings.upgrades(), byIndex.keySet());
      if (index >= 0) {
        byIndex.put(index, l);
      }
    }
    return byIndex;
  }

  /**
   * Requests {@code c}'s upgrade with a plan whose {@link ChaosSchedule#LONG_STUCK_PHASE} times out
   * after {@link ChaosSchedule#LONG_STUCK_TIMEOUT}, and holds green's {@code hold.target()} at once
   * (the answer names green; pre-flight runs before green is created), for {@code hold.lasting()}
   * once it begins to change.
   */
  private void requestLongStuck(
      UpgradeApi api,
      CloudSim sim,
      Fleet.FleetCluster c,
      ChaosSchedule.LongStuck hold,
      Map<String, Integer> faultKinds) {
    UpgradeApi.Answer answer =
        api.post(
            "/upgrades",
            body(
                c,
                ",\"phaseTimeouts\":{\""
                    + ChaosSchedule.LONG_STUCK_PHASE
                    + "\":\""
                    + ChaosSchedule.LONG_STUCK_TIMEOUT
                    + "\"}"));
    if (answer.status() != 202) {
      throw new AssertionError("POST /upgrades answered " + answer.status() + ": " + answer.body());
    }
    String id = answer.body().path("id").asText();
    String green = answer.body().path("greenCluster").asText();
    clusterOf.put(id, c.name());
    String key = keyOf(hold.target(), green, c.name());
    Hold h = new Hold(sim.faults().add(Fault.stuck(key)).id(), key, id, hold.lasting());
    h.green = green;
    holds.add(h);
    longHolds.put(id, h);
    faultKinds.merge("long-" + hold.target().kind(), 1, Integer::sum);
    note(
        "long-"
            + hold.target().kind()
            + ": "
            + key
            + " (upgrade "
            + id
            + ", "
            + ChaosSchedule.LONG_STUCK_PHASE
            + " timeout "
            + ChaosSchedule.LONG_STUCK_TIMEOUT
            + ") held "
            + hold.lasting().toMillis()
            + " ms once it changes");
  }

  /**
   * How each ended upgrade ended. One whose long hold held its resource longer than the phase
   * timeout took the failure path: FAILED or ROLLED_BACK, nothing of green left (no orphan), blue
   * ACTIVE. Every other one, the campaign's members' too, COMPLETED. Returns a line per long hold.
   */
  private List<String> checkEnds(
      CloudSim sim, Map<String, JsonNode> last, Map<String, String> memberOf) {
    Map<String, String> every = new LinkedHashMap<>(clusterOf);
    every.putAll(memberOf);
    List<String> lines = new ArrayList<>();
    for (var e : every.entrySet()) {
      String id = e.getKey();
      String blue = e.getValue();
      JsonNode u = last.get(id);
      String state = u == null ? "UNKNOWN" : u.path("state").asText();
      if (!TERMINAL.contains(state)) {
        continue; // a failure of its own (not terminal in time)
      }
      Hold hold = longHolds.get(id);
      if (hold == null) {
        if (!"COMPLETED".equals(state)) {
          failures.add(
              "upgrade "
                  + id
                  + " of "
                  + blue
                  + " ended "
                  + state
                  + ", not COMPLETED (nothing held it past a timeout): "
                  + u.path("lastError").asText(""));
        }
        continue;
      }
      Duration held = hold.heldFor;
      boolean pastTimeout = held != null && held.compareTo(ChaosSchedule.LONG_STUCK_TIMEOUT) > 0;
      String which = "upgrade " + id + " of " + blue + ": " + hold.key;
      lines.add(
          which
              + (held == null ? " never held mid-change" : " held " + held.toSeconds() + " s")
              + " ("
              + ChaosSchedule.LONG_STUCK_PHASE
              + " timeout "
              + ChaosSchedule.LONG_STUCK_TIMEOUT.toSeconds()
              + " s): "
              + state
              + (state.equals("COMPLETED") ? "" : ", " + u.path("lastError").asText("")));
      if (!pastTimeout) {
        continue; // held nothing, or not long enough: any end will do
      }
      if (!Set.of("FAILED", "ROLLED_BACK").contains(state)) {
        failures.add(
            which
                + " held "
                + held.toSeconds()
                + " s, past its phase timeout, yet it ended "
                + state);
        continue;
      }
      sim.clusterStatus(hold.green)
          .ifPresent(
              status ->
                  failures.add(
                      "orphan: green cluster "
                          + hold.green
                          + " of failed upgrade "
                          + id
                          + " is still there, "
                          + status));
      sim.targetGroupArnOf(hold.green)
          .ifPresent(
              tg ->
                  failures.add(
                      "orphan: green's target group " + tg + " of failed upgrade " + id + " left"));
      if (!sim.isActive(blue)) {
        failures.add(
            "blue "
                + blue
                + " of failed upgrade "
                + id
                + " is not ACTIVE: "
                + sim.clusterStatus(blue).orElse("gone"));
      }
    }
    return lines;
  }

  /**
   * Each service's channel settings, given only to the services that have the channel (SmallRye
   * refuses to start with settings for a channel the service does not declare).
   */
  private static Map<String, Map<String, String>> onlyFor(WebhookInbox inbox) {
    // A SIGKILLed consumer keeps its partitions until its session times out (45 s by default):
    // six seconds (the broker's minimum) lets a restarted service get them back quickly.
    Map<String, String> commands =
        Map.of(
            "mp.messaging.incoming.commands.session.timeout.ms", "6000",
            "mp.messaging.incoming.commands.heartbeat.interval.ms", "1000");
    Map<String, Map<String, String>> onlyFor = new LinkedHashMap<>();
    Platform.SERVICES.forEach(s -> onlyFor.put(s, commands));
    onlyFor.put(Platform.NOTIFIER, notifierSettings(inbox));
    return onlyFor;
  }

  /** The notifier's own settings: its route to the inbox, its channels' offsets and sessions. */
  private static Map<String, String> notifierSettings(WebhookInbox inbox) {
    Map<String, String> p = new LinkedHashMap<>(inbox.notifierRoute());
    // The notifier's group starts at the end of the audit logs by default: killed before its
    // first offset commit, it would start at the end again and skip what came meanwhile. Here it
    // reads them from the start (a broker shared with earlier runs: their entries are posted too).
    // A six-second session, as the other services get, so a restarted notifier rejoins quickly.
    for (String channel : List.of("audit", "campaign-audit")) {
      p.put("mp.messaging.incoming." + channel + ".auto.offset.reset", "earliest");
      p.put("mp.messaging.incoming." + channel + ".session.timeout.ms", "6000");
      p.put("mp.messaging.incoming." + channel + ".heartbeat.interval.ms", "1000");
    }
    return p;
  }

  private static Map<String, String> serviceSettings(CloudSim sim, ChaosKafka kafka) {
    Map<String, String> p = new LinkedHashMap<>(ServiceSettings.cloud(sim));
    p.putAll(kafka.serviceSettings());
    // A fleet this size in one region needs its EKS cluster quota raised, as a real one would.
    p.put("bluegreen.provisioner.quotas.clusters-per-region", "100000");
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
    private volatile String campaignId;
    private volatile JsonNode campaign;
    private volatile boolean running = true;

    Watch(UpgradeApi api) {
      this.api = api;
    }

    /** Watches these upgrades too (a soak's next round). */
    void add(Collection<String> more) {
      ids.addAll(more);
    }

    /** Watches this campaign too: {@link #allTerminal()} waits for it to end. */
    void campaign(String id) {
      campaignId = id;
    }

    /** The campaign as last seen; null when never seen. */
    JsonNode lastCampaign() {
      return campaign;
    }

    /**
     * Whether the upgrade was last seen in an end state: watched itself, or as a member of the
     * campaign.
     */
    boolean ended(String id) {
      JsonNode seen = last.get(id);
      if (seen != null) {
        return TERMINAL.contains(seen.path("state").asText());
      }
      JsonNode c = campaign;
      if (c != null) {
        for (JsonNode wave : c.path("waves")) {
          for (JsonNode m : wave.path("members")) {
            if (id.equals(m.path("upgradeId").asText())) {
              return TERMINAL.contains(m.path("upgradeState").asText());
            }
          }
        }
      }
      return false;
    }

    /** The upgrade as last seen; null when never seen. */
    JsonNode last(String id) {
      return last.get(id);
    }

    @Override
    public void run() {
      while (running) {
        if (campaignId != null && !campaignEnded()) {
          try {
            UpgradeApi.Answer answer = api.get("/campaigns/" + campaignId);
            if (answer.status() == 200) {
              campaign = answer.body();
            }
          } catch (AssertionError unreachable) {
            // the orchestrator is down: try again next round
          }
        }
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
      return allTerminal(ids) && (campaignId == null || campaignEnded());
    }

    private boolean campaignEnded() {
      JsonNode c = campaign;
      return c != null && CAMPAIGN_ENDED.contains(c.path("status").asText());
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
