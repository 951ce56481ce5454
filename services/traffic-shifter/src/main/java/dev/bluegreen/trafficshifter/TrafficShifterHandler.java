package dev.bluegreen.trafficshifter;

import dev.bluegreen.cloud.CloudErrors;
import dev.bluegreen.cloud.Waiting;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.events.AnalysisCompleted;
import dev.bluegreen.contracts.events.Measurement;
import dev.bluegreen.contracts.events.Phase;
import dev.bluegreen.contracts.events.RollBackTraffic;
import dev.bluegreen.contracts.events.RunAnalysis;
import dev.bluegreen.contracts.events.SetTrafficWeight;
import dev.bluegreen.contracts.events.TrafficRolledBack;
import dev.bluegreen.contracts.events.TrafficWeightSet;
import dev.bluegreen.contracts.events.Verdict;
import dev.bluegreen.messaging.CommandHandler;
import dev.bluegreen.messaging.Facts;
import dev.bluegreen.messaging.PhaseFailure;
import dev.bluegreen.messaging.PhaseReport;
import dev.bluegreen.trafficshifter.cloud.AlbMetrics;
import dev.bluegreen.trafficshifter.cloud.DiscoveryException;
import dev.bluegreen.trafficshifter.cloud.ListenerRules;
import dev.bluegreen.trafficshifter.config.Analyses;
import dev.bluegreen.trafficshifter.config.TrafficShifterConfig;
import dev.bluegreen.trafficshifter.core.AnalysisEvaluation;
import dev.bluegreen.trafficshifter.core.AnalysisSpec;
import dev.bluegreen.trafficshifter.core.MetricSource;
import dev.bluegreen.trafficshifter.core.MetricSpec;
import dev.bluegreen.trafficshifter.core.ReadBack;
import dev.bluegreen.trafficshifter.core.ShiftDecision;
import dev.bluegreen.trafficshifter.core.TargetHealthSummary;
import dev.bluegreen.trafficshifter.core.TrafficDecisions;
import dev.bluegreen.trafficshifter.core.TrafficRule;
import dev.bluegreen.trafficshifter.core.TrafficSituation;
import dev.bluegreen.trafficshifter.core.TrafficStamp;
import dev.bluegreen.trafficshifter.core.TrafficStats;
import dev.bluegreen.trafficshifter.core.Weights;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Glue between the pure core and ELBv2/CloudWatch: observes the rule and target groups afresh for
 * every command (the rule is the truth; nothing is remembered between commands), asks the core what
 * to do, does it, verifies it by reading back, and publishes the facts.
 */
@ApplicationScoped
public class TrafficShifterHandler implements CommandHandler {

  private static final Logger LOG = Logger.getLogger(TrafficShifterHandler.class);

  @Inject ListenerRules rules;
  @Inject AlbMetrics metrics;
  @Inject Analyses analyses;
  @Inject TrafficShifterConfig config;
  @Inject Waiting waiting;
  private final Map<String, Object> writers = new ConcurrentHashMap<>();

  @Override
  public Set<Class<? extends Command>> accepts() {
    return Set.of(SetTrafficWeight.class, RunAnalysis.class, RollBackTraffic.class);
  }

  @Override
  public Phase phaseOf(Command command) {
    return command instanceof RollBackTraffic ? Phase.ROLLING_BACK : Phase.SHIFTING;
  }

  @Override
  public void handle(CloudEvent<? extends Command> event, Facts facts) {
    Command command = event.data();
    PhaseReport report = new PhaseReport(command, phaseOf(command), facts);
    try {
      if (command instanceof SetTrafficWeight c) {
        setWeight(c, report);
      } else if (command instanceof RunAnalysis c) {
        analyse(c, report);
      } else if (command instanceof RollBackTraffic c) {
        rollBack(c, report);
      } else {
        throw new IllegalArgumentException("not a traffic command: " + command);
      }
    } catch (PhaseFailure e) {
      report.failed(e);
    } catch (RuntimeException e) {
      // The SDK's standard retry strategy already retried throttling and transient errors.
      report.failed(CloudErrors.classify(e).orElseThrow(() -> e), Map.of());
    }
  }

  // ---------------------------------------------------------------- SetTrafficWeight

  private void setWeight(SetTrafficWeight c, PhaseReport report) {
    TrafficStamp stamp = TrafficStamp.step(c.upgradeId(), c.stepIndex());
    Optional<Weights> verified;
    synchronized (writerOf(c.cluster())) {
      TrafficSituation s = observe(c.cluster(), c.greenCluster(), true, true);
      ShiftDecision decision = TrafficDecisions.setWeight(c.greenWeight(), stamp, s);
      verified = carryOut(c, stamp, s, decision, report);
    }
    verified.ifPresent(
        w ->
            report
                .facts()
                .publish(
                    new TrafficWeightSet(
                        c.commandId(),
                        c.upgradeId(),
                        c.cluster(),
                        c.greenCluster(),
                        c.stepIndex(),
                        w.blue(),
                        w.green())));
  }

  // ---------------------------------------------------------------- RollBackTraffic

  private void rollBack(RollBackTraffic c, PhaseReport report) {
    TrafficStamp stamp = TrafficStamp.rollback(c.upgradeId());
    Optional<Weights> verified;
    synchronized (writerOf(c.cluster())) {
      TrafficSituation s = observe(c.cluster(), c.greenCluster(), false, true);
      ShiftDecision decision = TrafficDecisions.rollBack(stamp, s);
      verified = carryOut(c, stamp, s, decision, report);
    }
    verified.ifPresent(
        w ->
            report
                .facts()
                .publish(
                    new TrafficRolledBack(
                        c.commandId(),
                        c.upgradeId(),
                        c.cluster(),
                        c.greenCluster(),
                        w.blue(),
                        w.green())));
  }

  /**
   * The lock a weight-changing command of this (blue) cluster holds from its observation to its
   * verification: two commands of one cluster run at once only when one is redelivered (after a
   * restart) beside its successor, and the stamp check and the write must not interleave. Kafka
   * gives each cluster's key to one instance at a time, so a lock in memory is enough. Analyses
   * never take it: a rollback must not wait for one.
   */
  private Object writerOf(String cluster) {
    return writers.computeIfAbsent(cluster, k -> new Object());
  }

  /**
   * Stamps and modifies the rule (unless already in place) and verifies; empty after a failure
   * fact, or when the command was superseded (then nothing is published: its answer was given).
   */
  private Optional<Weights> carryOut(
      Command c,
      TrafficStamp stamp,
      TrafficSituation s,
      ShiftDecision decision,
      PhaseReport report) {
    Weights before = s.rule().observed(s.blueTargetGroupArn(), s.greenTargetGroupArn());
    if (decision instanceof ShiftDecision.Refuse r) {
      report.failed(r.errorCode(), r.reason(), r.retryable(), r.evidence());
      return Optional.empty();
    }
    if (decision instanceof ShiftDecision.Superseded superseded) {
      LOG.infof("%s: %s", c.commandId(), superseded.reason());
      return Optional.empty();
    }
    if (!stamp.equals(s.stamp())) {
      // Before the modification: a crash in between leaves the stamp ahead, never behind.
      rules.stamp(s.rule(), stamp);
    }
    if (decision instanceof ShiftDecision.Modify m) {
      LOG.infof("%s: ModifyRule %s to %s", c.commandId(), s.rule().ruleArn(), m.forward());
      rules.writeWeights(s.rule(), m.forward());
      report.progress(
          "modified",
          null,
          null,
          "rule "
              + s.rule().ruleArn()
              + " modified from "
              + before
              + " to "
              + m.target()
              + "; verifying");
    } else {
      LOG.infof(
          "%s: rule %s already splits %s; not modifying it again",
          c.commandId(), s.rule().ruleArn(), decision.target());
      report.progress(
          "already-in-place",
          null,
          null,
          "rule " + s.rule().ruleArn() + " already splits " + before + "; not modified, verifying");
    }
    Weights target = decision.target();
    Instant deadline = waiting.now().plus(config.verification().deadline());
    ReadBack readBack = ReadBack.start(config.verification().settleTime());
    int reads = 0;
    while (true) {
      TrafficRule seen = rules.read(s.rule());
      reads++;
      Instant now = waiting.now();
      readBack = readBack.observe(now, TrafficDecisions.verified(s, seen, target));
      if (readBack.held(now)) {
        return Optional.of(seen.observed(s.blueTargetGroupArn(), s.greenTargetGroupArn()));
      }
      if (!now.isBefore(deadline)) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("ruleArn", s.rule().ruleArn());
        evidence.put("wanted", target.toString());
        evidence.put(
            "lastRead", seen.observed(s.blueTargetGroupArn(), s.greenTargetGroupArn()).toString());
        evidence.put("reads", reads);
        report.failed(
            "WeightsNotVerified",
            "the rule did not hold "
                + target
                + " for "
                + config.verification().settleTime()
                + " within "
                + config.verification().deadline(),
            true,
            evidence);
        return Optional.empty();
      }
      Instant next = now.plus(config.verification().readInterval());
      waiting.until(next.isAfter(deadline) ? deadline : next);
    }
  }

  // ---------------------------------------------------------------- RunAnalysis

  private void analyse(RunAnalysis c, PhaseReport report) {
    Optional<AnalysisSpec> found = analyses.named(c.analysis());
    if (found.isEmpty()) {
      report.failed(
          "UnknownAnalysis",
          "no analysis named '" + c.analysis() + "' is declared; known: " + analyses.names(),
          false,
          Map.of());
      return;
    }
    AnalysisSpec spec = found.get();
    TrafficSituation s = observe(c.cluster(), c.greenCluster(), false, false);
    if (!s.greenExists()) {
      report.failed(
          TrafficDecisions.GREEN_TARGET_GROUP_MISSING,
          "green's target group does not exist; nothing to analyse",
          false,
          Map.of());
      return;
    }
    // After a restart the analysis starts over from what the rule really says, not from memory.
    Weights current = s.rule().observed(s.blueTargetGroupArn(), s.greenTargetGroupArn());
    report.progress(
        "analysis",
        0,
        spec.count(),
        "analysis "
            + spec.name()
            + " starts at "
            + current
            + " (read from rule "
            + s.rule().ruleArn()
            + ")");
    boolean needsTraffic =
        spec.metrics().stream()
            .anyMatch(m -> m.source().provider() == MetricSource.Provider.CLOUDWATCH);
    boolean needsHealth =
        spec.metrics().stream().anyMatch(m -> m.source() == MetricSource.HEALTHY_TARGETS);
    List<Measurement> measurements = new ArrayList<>();
    // Windows start on a period boundary so each one covers whole CloudWatch periods.
    Instant from = AnalysisEvaluation.alignUp(waiting.now(), config.metrics().period());
    Optional<Verdict> early = Optional.empty();
    for (int i = 1; i <= spec.count() && early.isEmpty(); i++) {
      Instant to = from.plus(spec.interval());
      waiting.until(to.plus(config.metrics().lag()));
      List<TrafficStats> stats =
          needsTraffic
              ? metrics.stats(
                  s.rule().listenerArn(), s.blueTargetGroupArn(), s.greenTargetGroupArn(), from, to)
              : List.of(TrafficStats.NONE, TrafficStats.NONE);
      TargetHealthSummary blueHealth = needsHealth ? rules.health(s.blueTargetGroupArn()) : null;
      TargetHealthSummary greenHealth = needsHealth ? rules.health(s.greenTargetGroupArn()) : null;
      List<Measurement> window = new ArrayList<>();
      for (MetricSpec m : spec.metrics()) {
        window.add(
            AnalysisEvaluation.measure(
                spec,
                AnalysisEvaluation.observe(
                    m, i, from, to, stats.get(0), stats.get(1), blueHealth, greenHealth)));
      }
      measurements.addAll(window);
      report.progress(
          "measurement",
          i,
          spec.count(),
          "window " + i + "/" + spec.count() + ": " + summary(window));
      early = AnalysisEvaluation.early(spec, measurements);
      from = to;
    }
    Verdict verdict = early.orElseGet(() -> AnalysisEvaluation.verdict(spec, measurements));
    report
        .facts()
        .publish(
            new AnalysisCompleted(
                c.commandId(),
                c.upgradeId(),
                c.cluster(),
                c.greenCluster(),
                c.stepIndex(),
                spec.name(),
                verdict,
                measurements));
  }

  private static String summary(List<Measurement> window) {
    List<String> parts = new ArrayList<>();
    for (Measurement m : window) {
      parts.add(
          m.metric()
              + " "
              + m.result()
              + " (blue "
              + m.blueValue()
              + ", green "
              + m.greenValue()
              + ", green requests "
              + m.greenRequests()
              + ")");
    }
    return String.join("; ", parts);
  }

  // ---------------------------------------------------------------- observation and facts

  /** Reads the pair's target groups, their rule and (if asked) their health and stamp, fresh. */
  private TrafficSituation observe(
      String blueCluster, String greenCluster, boolean withHealth, boolean withStamp) {
    String blueTg =
        rules
            .targetGroupOf(blueCluster)
            .orElseThrow(
                () ->
                    new DiscoveryException(
                        "BlueTargetGroupNotFound",
                        "no target group is tagged "
                            + config.discovery().clusterTagKey()
                            + "="
                            + blueCluster));
    String greenTg = greenCluster == null ? null : rules.targetGroupOf(greenCluster).orElse(null);
    TrafficRule rule;
    try {
      rule = rules.ruleForwardingTo(blueTg);
    } catch (DiscoveryException e) {
      // We keep blue in the forward action at weight 0, but someone may have removed it: then the
      // rule is the one forwarding to green (so a rollback can still restore blue).
      if (greenTg == null || !"RuleNotFound".equals(e.errorCode())) {
        throw e;
      }
      rule = rules.ruleForwardingTo(greenTg);
    }
    TargetHealthSummary blueHealth = withHealth ? rules.health(blueTg) : null;
    TargetHealthSummary greenHealth = withHealth && greenTg != null ? rules.health(greenTg) : null;
    TrafficStamp stamp = withStamp ? rules.stampOf(rule) : null;
    return new TrafficSituation(blueTg, greenTg, rule, blueHealth, greenHealth, stamp);
  }
}
