package dev.bluegreen.trafficshifter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.cloudsim.core.JournalEntry;
import dev.bluegreen.cloudsim.core.SimClock;
import dev.bluegreen.cloudsim.core.TargetWeight;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.Fact;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.UpgradeEvent;
import dev.bluegreen.contracts.events.AnalysisCompleted;
import dev.bluegreen.contracts.events.Measurement;
import dev.bluegreen.contracts.events.PhaseFailed;
import dev.bluegreen.contracts.events.PhaseProgressed;
import dev.bluegreen.contracts.events.RollBackTraffic;
import dev.bluegreen.contracts.events.RunAnalysis;
import dev.bluegreen.contracts.events.SetTrafficWeight;
import dev.bluegreen.contracts.events.TrafficRolledBack;
import dev.bluegreen.contracts.events.TrafficWeightSet;
import dev.bluegreen.contracts.events.Verdict;
import dev.bluegreen.messaging.CommandInbox;
import dev.bluegreen.messaging.EventSink;
import dev.bluegreen.testkit.CloudSimTestResource;
import dev.bluegreen.testkit.Deadline;
import dev.bluegreen.testkit.EventProbe;
import dev.bluegreen.testkit.InjectCloudSim;
import dev.bluegreen.testkit.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The traffic shifter against a real broker and cloud-sim (ELBv2 + CloudWatch through the real SDK
 * clients). Each test owns one blue/green pair of the test fleet. Given/When/Then.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(
    value = CloudSimTestResource.class,
    initArgs =
        @ResourceArg(
            name = CloudSimTestResource.CLOUD,
            value = "dev.bluegreen.trafficshifter.TrafficShifterCloud"))
class TrafficShifterIT {

  static final Duration ANALYSIS_DEADLINE = Duration.ofSeconds(60);

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Inject TrafficShifterHandler handler;
  @Inject EventSink sink;
  @Inject SimulatedTimePacing pacing;

  @InjectCloudSim CloudSim sim;
  private EventProbe probe;

  @BeforeEach
  void openProbe() {
    probe = new EventProbe(bootstrapServers);
    pacing.follow((SimClock.ManualClock) sim.clock());
  }

  @AfterEach
  void closeProbe() {
    probe.close();
  }

  // ---------------------------------------------------------------- scenarios

  @Test
  void defaultPlan_happyPath_reachesFullGreen_withEachStepVerifiedInTheSimulator() {
    String pair = "happy";
    int[][] plan = {{0, 10}, {2, 50}, {4, 100}};
    for (int[] step : plan) {
      TrafficWeightSet set =
          awaitFact(send(setWeight(pair, step[0], step[1])), TrafficWeightSet.class);
      assertEquals(100 - step[1], set.blueWeight());
      assertEquals(step[1], set.greenWeight());
      assertEquals(Map.of(blueTg(pair), 100 - step[1], greenTg(pair), step[1]), weights(pair));

      AnalysisCompleted analysis =
          awaitFact(
              send(runAnalysis(pair, step[0] + 1)), AnalysisCompleted.class, ANALYSIS_DEADLINE);
      assertEquals(Verdict.SUCCESSFUL, analysis.verdict(), analysis.measurements().toString());
      assertEquals("default", analysis.analysis());
      assertTrue(
          analysis.measurements().stream()
              .allMatch(m -> m.greenRequests() != null && m.greenRequests() > 0),
          analysis.measurements().toString());
    }
    assertEquals(3, modifyRules(pair).size(), "one ModifyRule per step: " + modifyRules(pair));

    // Rollback works after 100% green too (retention window).
    TrafficRolledBack back = awaitFact(send(rollBack(pair)), TrafficRolledBack.class);
    assertEquals(100, back.blueWeight());
    assertEquals(Map.of(blueTg(pair), 100, greenTg(pair), 0), weights(pair));
  }

  @Test
  void step2_onA5xxBurstOnGreen_failsTheAnalysis_andRollbackRestoresAllBlue() {
    String pair = "burst";
    awaitFact(send(setWeight(pair, 0, 10)), TrafficWeightSet.class);
    Fault burst = sim.faults().add(Fault.unhealthy(pair + "-green", 0.3));
    try {
      AnalysisCompleted analysis =
          awaitFact(send(runAnalysis(pair, 1)), AnalysisCompleted.class, ANALYSIS_DEADLINE);

      assertEquals(Verdict.FAILED, analysis.verdict());
      Measurement errorRate =
          analysis.measurements().stream()
              .filter(m -> m.metric().equals("error-rate"))
              .findFirst()
              .orElseThrow();
      assertEquals(Verdict.FAILED, errorRate.result());
      assertTrue(errorRate.greenValue() > 0.2, errorRate.toString());
      assertTrue(errorRate.condition().contains("max(blue × 2, 0.01)"), errorRate.condition());
    } finally {
      sim.faults().remove(burst.id());
    }

    TrafficRolledBack back = awaitFact(send(rollBack(pair)), TrafficRolledBack.class);

    assertEquals(100, back.blueWeight());
    assertEquals(0, back.greenWeight());
    assertEquals(Map.of(blueTg(pair), 100, greenTg(pair), 0), weights(pair));
  }

  @Test
  void greenThatGetsNoTraffic_isInconclusive_notFailed() {
    String pair = "idle";
    awaitFact(send(setWeight(pair, 0, 10)), TrafficWeightSet.class);
    sim.setRequestRate(ruleArn(pair), 1.0);

    AnalysisCompleted analysis =
        awaitFact(send(runAnalysis(pair, 1)), AnalysisCompleted.class, ANALYSIS_DEADLINE);

    assertEquals(Verdict.INCONCLUSIVE, analysis.verdict(), analysis.measurements().toString());
    assertTrue(
        analysis.measurements().stream().noneMatch(m -> m.result() == Verdict.FAILED),
        analysis.measurements().toString());
    assertTrue(analysis.measurements().get(0).condition().contains("too little traffic"));
  }

  @Test
  void delayedRuleWeights_areWaitedOut_beforeTheStepIsReported() {
    String pair = "delay";
    // DescribeRules shows the old weights for a number of reads after the ModifyRule ...
    Fault staleReads = sim.faults().add(Fault.ruleWeightDelay(ruleArn(pair), 5));
    try {
      TrafficWeightSet set = awaitFact(send(setWeight(pair, 0, 10)), TrafficWeightSet.class);

      assertEquals(90, set.blueWeight());
      assertEquals(10, set.greenWeight());
      assertEquals(1, modifyRules(pair).size(), "stale reads must not cause a second ModifyRule");
    } finally {
      sim.faults().remove(staleReads.id());
    }
    // ... or for a while: the step is not reported before the new weights are visible and held.
    Duration lag = Duration.ofMillis(1500);
    Fault staleForAWhile =
        sim.faults()
            .add(
                new Fault(
                    null,
                    Fault.Kind.RULE_WEIGHT_DELAY,
                    null,
                    null,
                    ruleArn(pair),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    lag.toMillis()));
    try {
      Instant sent = sim.clock().now();
      TrafficWeightSet set = awaitFact(send(setWeight(pair, 2, 50)), TrafficWeightSet.class);
      Duration waited = Duration.between(sent, sim.clock().now());

      assertEquals(50, set.greenWeight());
      assertTrue(
          waited.compareTo(lag) >= 0,
          "reported after " + waited + " of simulated time, within the " + lag + " lag");
      assertEquals(2, modifyRules(pair).size());
    } finally {
      sim.faults().remove(staleForAWhile.id());
    }
  }

  @Test
  void throttledModifyRule_isRetriedByTheSdk_andTheStepSucceeds() {
    String pair = "throttle";
    Fault throttle = sim.faults().add(Fault.throttle("elbv2", "ModifyRule", 2));
    try {
      TrafficWeightSet set = awaitFact(send(setWeight(pair, 0, 10)), TrafficWeightSet.class);

      assertEquals(10, set.greenWeight());
      assertEquals(Map.of(blueTg(pair), 90, greenTg(pair), 10), weights(pair));
    } finally {
      sim.faults().remove(throttle.id());
    }
  }

  @Test
  void redeliveredStepCommand_doesNotMoveWeightsTwice_neitherInProcessNorAfterARestart() {
    String pair = "redeliver";
    CloudEvent<SetTrafficWeight> step =
        CloudEvent.of("/orchestrator", setWeight(pair, 0, 10), Instant.now());
    probe.publish(step);
    awaitFact(step.data().commandId(), TrafficWeightSet.class);

    // The broker redelivers it to the running service: the inbox skips the commandId.
    probe.publish(step);
    // A restarted service (fresh inbox, nothing remembered) gets it again: the rule is the truth.
    freshInbox().receive(asConsumed(step));

    assertEquals(1, modifyRules(pair).size(), "journal: " + modifyRules(pair));
    assertEquals(Map.of(blueTg(pair), 90, greenTg(pair), 10), weights(pair));
    // The restarted service answers again, from the rule's state, without a second ModifyRule.
    Deadline deadline = Deadline.in(EventProbe.DEFAULT_DEADLINE);
    while (answersTo(step.data().commandId()) < 2) {
      deadline.check("a second TrafficWeightSet for " + step.data().commandId());
      deadline.pause();
    }
    assertEquals(1, modifyRules(pair).size(), "journal: " + modifyRules(pair));
  }

  @Test
  void olderStepRedeliveredAfterALaterOne_isNotCarriedOut_norAStepAfterTheRollback() {
    // Found by bin/chaos: a restarted service got both steps again (offsets not committed) and
    // carried out step 1 after step 2, moving traffic back to 50/50.
    String pair = "stale";
    CloudEvent<SetTrafficWeight> step1 =
        CloudEvent.of("/orchestrator", setWeight(pair, 0, 50), Instant.now());
    probe.publish(step1);
    awaitFact(step1.data().commandId(), TrafficWeightSet.class);
    CloudEvent<SetTrafficWeight> step2 =
        CloudEvent.of("/orchestrator", setWeight(pair, 2, 100), Instant.now());
    probe.publish(step2);
    awaitFact(step2.data().commandId(), TrafficWeightSet.class);
    assertEquals(
        Map.of("bluegreen.dev/traffic-command", "upg-stale/step/2"),
        sim.inspect(w -> Map.copyOf(w.loadBalancing().rule(ruleArn(pair)).tags)));
    int modifies = modifyRules(pair).size();

    freshInbox().receive(asConsumed(step1));

    assertEquals(modifies, modifyRules(pair).size(), "journal: " + modifyRules(pair));
    assertEquals(Map.of(blueTg(pair), 0, greenTg(pair), 100), weights(pair));

    // After the rollback, no step of the upgrade sends traffic to green again.
    awaitFact(send(rollBack(pair)), TrafficRolledBack.class);
    freshInbox().receive(asConsumed(step2));

    assertEquals(Map.of(blueTg(pair), 100, greenTg(pair), 0), weights(pair));
    assertEquals(modifies + 1, modifyRules(pair).size(), "journal: " + modifyRules(pair));
    // A superseded command is not answered again: its answer was given. The rollback's answer
    // came after the stale step 1 was handled, from the same producer on the same key.
    assertEquals(1, answersTo(step1.data().commandId()));
  }

  @Test
  void restartMidAnalysis_startsOverFromTheRulesRealWeights() {
    String pair = "restart";
    awaitFact(send(setWeight(pair, 0, 10)), TrafficWeightSet.class);
    awaitFact(send(setWeight(pair, 2, 50)), TrafficWeightSet.class);
    // The orchestrator sent the analysis of step 1 (at 10%) before a crash; the service comes back
    // with no memory and the command redelivered, while the rule already says 50%.
    CloudEvent<RunAnalysis> analysis =
        CloudEvent.of("/orchestrator", runAnalysis(pair, 1), Instant.now());
    long modifiesBefore = modifyRules(pair).size();

    freshInbox().receive(asConsumed(analysis));

    PhaseProgressed start =
        awaitFact(
            analysis.data().commandId(), PhaseProgressed.class, p -> p.step().equals("analysis"));
    assertTrue(start.message().contains("blue 50% / green 50%"), start.message());
    AnalysisCompleted done = awaitFact(analysis.data().commandId(), AnalysisCompleted.class);
    assertEquals(Verdict.SUCCESSFUL, done.verdict(), done.measurements().toString());
    assertEquals(modifiesBefore, modifyRules(pair).size(), "an analysis never moves weights");
  }

  @Test
  void rollback_whenGreensTargetGroupIsGone_restoresBlueAlone() {
    String pair = "gone";

    TrafficRolledBack back = awaitFact(send(rollBack(pair)), TrafficRolledBack.class);

    assertEquals(100, back.blueWeight());
    assertEquals(Map.of(blueTg(pair), 100), weights(pair));
  }

  @Test
  void rollback_whenSomeoneRemovedBlueFromTheRule_findsTheRuleByGreen_andRestoresBlue() {
    String pair = "orphan";
    String rule = ruleArn(pair);
    String green = greenTg(pair);
    // By hand, outside the platform: the rule now forwards to green alone.
    sim.inspect(w -> w.loadBalancing().modifyRule(rule, List.of(new TargetWeight(green, 1))));

    TrafficRolledBack back = awaitFact(send(rollBack(pair)), TrafficRolledBack.class);

    assertEquals(100, back.blueWeight());
    assertEquals(
        Map.of(blueTg(pair), 100, green, 0),
        sim.weightsOf(rule).stream()
            .collect(Collectors.toMap(TargetWeight::targetGroupArn, TargetWeight::weight)));
  }

  @Test
  void greensTargetGroup_namedAgainstTheConvention_isFoundByItsTag() {
    String pair = "renamed";

    TrafficWeightSet set = awaitFact(send(setWeight(pair, 0, 10)), TrafficWeightSet.class);

    assertEquals(10, set.greenWeight());
    assertEquals(Map.of(blueTg(pair), 90, greenTg(pair), 10), weights(pair));
  }

  @Test
  void setWeight_toAGreenWithoutHealthyTargets_isRefused_andTheRuleIsUntouched() {
    String pair = "nohealth";

    PhaseFailed failed = awaitFact(send(setWeight(pair, 0, 10)), PhaseFailed.class);

    assertEquals("NoHealthyTargets", failed.errorCode());
    assertTrue(failed.retryable());
    assertEquals(0, modifyRules(pair).size());
    assertEquals(Map.of(blueTg(pair), 100), weights(pair));
  }

  @Test
  void analysisThatIsNotDeclared_failsWithoutTouchingAnything() {
    String pair = "nohealth";
    RunAnalysis unknown =
        new RunAnalysis(
            id(pair, "RunAnalysis"), "upg-" + pair, pair + "-blue", pair + "-green", 1, "nope");

    PhaseFailed failed = awaitFact(send(unknown), PhaseFailed.class);

    assertEquals("UnknownAnalysis", failed.errorCode());
    assertTrue(failed.reason().contains("default"), failed.reason());
  }

  @Test
  void setWeight_onAPermanentAwsError_failsWithTheAwsErrorCode() {
    String pair = "nohealth";
    Fault denied =
        sim.faults().add(Fault.failNext("elbv2", "DescribeTargetGroups", "AccessDenied", 1));
    try {
      PhaseFailed failed = awaitFact(send(setWeight(pair, 0, 0)), PhaseFailed.class);

      assertEquals("AccessDenied", failed.errorCode());
    } finally {
      sim.faults().remove(denied.id());
    }
  }

  // ---------------------------------------------------------------- helpers

  private static SetTrafficWeight setWeight(String pair, int stepIndex, int green) {
    return new SetTrafficWeight(
        id(pair, "SetTrafficWeight"),
        "upg-" + pair,
        pair + "-blue",
        pair + "-green",
        stepIndex,
        green);
  }

  private static RunAnalysis runAnalysis(String pair, int stepIndex) {
    return new RunAnalysis(
        id(pair, "RunAnalysis"),
        "upg-" + pair,
        pair + "-blue",
        pair + "-green",
        stepIndex,
        "default");
  }

  private static RollBackTraffic rollBack(String pair) {
    return new RollBackTraffic(
        id(pair, "RollBackTraffic"), "upg-" + pair, pair + "-blue", pair + "-green");
  }

  private static String id(String pair, String type) {
    return "upg-" + pair + ":" + type + ":" + java.util.UUID.randomUUID();
  }

  private String send(Command command) {
    probe.publish(CloudEvent.of("/orchestrator", command, Instant.now()));
    return command.commandId();
  }

  private <T extends Fact> T awaitFact(String commandId, Class<T> type) {
    return awaitFact(commandId, type, EventProbe.DEFAULT_DEADLINE);
  }

  private <T extends Fact> T awaitFact(String commandId, Class<T> type, Duration deadline) {
    // Await the command's answer, whatever it is, so an unexpected failure shows its reason.
    UpgradeEvent answer =
        probe
            .await(
                Topics.FACTS,
                UpgradeEvent.class,
                e ->
                    e instanceof Fact f
                        && f.commandId().equals(commandId)
                        && !(e instanceof PhaseProgressed)
                        && (type != PhaseFailed.class || e instanceof PhaseFailed || true),
                deadline)
            .data();
    return assertInstanceOf(type, answer, "answer to " + commandId + ": " + answer);
  }

  private <T extends Fact> T awaitFact(
      String commandId, Class<T> type, java.util.function.Predicate<T> matching) {
    return probe
        .await(
            Topics.FACTS,
            type,
            f -> f.commandId().equals(commandId) && matching.test(f),
            ANALYSIS_DEADLINE)
        .data();
  }

  private long answersTo(String commandId) {
    return probe
        .eventsSoFar(
            Topics.FACTS,
            e -> e.data() instanceof TrafficWeightSet t && t.commandId().equals(commandId))
        .size();
  }

  private CommandInbox freshInbox() {
    return new CommandInbox("traffic-shifter", handler, sink, Clock.systemUTC(), 10);
  }

  private static ConsumerRecord<String, byte[]> asConsumed(CloudEvent<?> event) {
    ProducerRecord<String, byte[]> r = new CloudEventCodec().toRecord(event);
    return new ConsumerRecord<>(
        r.topic(),
        0,
        0L,
        ConsumerRecord.NO_TIMESTAMP,
        TimestampType.NO_TIMESTAMP_TYPE,
        -1,
        -1,
        r.key(),
        r.value(),
        r.headers(),
        Optional.empty());
  }

  private String blueTg(String pair) {
    return sim.targetGroupArnOf(pair + "-blue").orElseThrow();
  }

  private String greenTg(String pair) {
    return sim.targetGroupArnOf(pair + "-green").orElseThrow();
  }

  private String ruleArn(String pair) {
    return sim.ruleArnOf(pair + "-blue").orElseThrow();
  }

  private Map<String, Integer> weights(String pair) {
    List<TargetWeight> forward = sim.weightsOf(ruleArn(pair));
    return forward.stream()
        .collect(Collectors.toMap(TargetWeight::targetGroupArn, TargetWeight::weight));
  }

  private List<JournalEntry> modifyRules(String pair) {
    String rule = ruleArn(pair);
    return sim.journal().entries("ModifyRule").stream()
        .filter(e -> rule.equals(e.resource()))
        .toList();
  }
}
