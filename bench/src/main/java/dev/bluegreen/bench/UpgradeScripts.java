package dev.bluegreen.bench;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.events.ApprovalGates;
import dev.bluegreen.contracts.events.UpgradePlan;
import dev.bluegreen.contracts.events.UpgradeRequested;
import dev.bluegreen.testkit.HealthyAnswers;
import dev.bluegreen.upgrade.core.Decision;
import dev.bluegreen.upgrade.core.Input;
import dev.bluegreen.upgrade.core.PhaseTimeouts;
import dev.bluegreen.upgrade.core.RequestRules;
import dev.bluegreen.upgrade.core.UpgradeDecider;
import dev.bluegreen.upgrade.core.UpgradeStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Pre-generated, valid input sequences for the orchestrator: for each cluster an {@code
 * UpgradeRequested} followed by the facts healthy phase services would publish ({@link
 * HealthyAnswers}), in the order the orchestrator asks for them. The sequence is found by driving
 * the pure {@link UpgradeDecider} offline with the very inputs that will be sent, so every fact
 * answers the command the Streams processor will have in flight when it arrives (the decision
 * depends only on the input, its {@code ce_time} included).
 *
 * <p>No approval gates and no timed pauses: the script runs from REQUESTED to SOAKING (handover
 * done) without a person or the wall-clock punctuator, which a throughput run cannot wait for.
 */
final class UpgradeScripts {

  private static final String REQUESTER = "bench";
  private static final String SERVICES = "/bench/healthy-phase-services";

  private UpgradeScripts() {}

  /**
   * One input of a script, encoded as it will be written.
   *
   * @param record the record, for {@code upgrade.requests.v1} or {@code upgrade.events.v1}
   * @param eventId its {@code ce_id}: the commands it causes carry it as {@code ce_causationid}
   * @param commands how many commands the orchestrator sends in answer
   * @param audited whether the orchestrator writes an audit entry for it
   */
  record Step(
      ProducerRecord<String, byte[]> record, String eventId, int commands, boolean audited) {}

  /**
   * The steps of one cluster's upgrade, in the order they must be sent, timed from {@code t0} (its
   * request at {@code t0} plus {@code cluster} seconds, each fact a second after the last). The
   * orchestrator's wall-clock punctuator times phases out against these times, so a run must start
   * them now: scripts dated days ago had every upgrade still in flight at the first tick timed out
   * (and its later facts rejected).
   */
  static List<Step> script(String runId, int cluster, Instant t0) {
    CloudEventCodec codec = new CloudEventCodec();
    UpgradeDecider decider = new UpgradeDecider(PhaseTimeouts.defaults());
    String clusterName = "bench-" + runId + "-" + cluster;
    String upgradeId =
        UUID.nameUUIDFromBytes((runId + "/" + cluster).getBytes(StandardCharsets.UTF_8)).toString();
    UpgradePlan plan =
        new UpgradePlan(
            RequestRules.DEFAULT_STEPS, Duration.ofHours(1), new ApprovalGates(false, false), null);
    Instant at = t0.plusSeconds(cluster);
    List<Step> steps = new ArrayList<>();
    CloudEvent<?> input =
        CloudEvent.of(
            "/bench/api",
            new UpgradeRequested(
                upgradeId, clusterName, "1.30", "1.31", plan, false, REQUESTER, at),
            at);
    UpgradeStatus state = null;
    Deque<CloudEvent<Command>> inFlight = new ArrayDeque<>();
    while (input != null) {
      String actor = input.data() instanceof UpgradeRequested ? REQUESTER : input.source();
      Decision d =
          decider.decide(
              state,
              new Input.Event(
                  input.id(), input.type().ceType(), actor, input.time(), input.data()));
      if (d.auditEntry() == null || d.next() == null) {
        throw new IllegalStateException("the script went astray at " + input.type().ceType());
      }
      state = d.next();
      steps.add(new Step(codec.toRecord(input), input.id(), d.commands().size(), true));
      for (Command c : d.commands()) {
        inFlight.add(CloudEvent.causedBy(input, "/bench/orchestrator", c, input.time()));
      }
      CloudEvent<Command> next = inFlight.poll();
      at = at.plusSeconds(1);
      input =
          next == null
              ? null
              : CloudEvent.causedBy(next, SERVICES, HealthyAnswers.to(next.data()), at);
    }
    return steps;
  }
}
