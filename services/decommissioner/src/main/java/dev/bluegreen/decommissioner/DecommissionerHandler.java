package dev.bluegreen.decommissioner;

import dev.bluegreen.cloud.CloudError;
import dev.bluegreen.cloud.CloudErrors;
import dev.bluegreen.cloud.Waiting;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.events.BlueRetired;
import dev.bluegreen.contracts.events.DecommissionBlue;
import dev.bluegreen.contracts.events.Phase;
import dev.bluegreen.decommissioner.cloud.BlueCloud;
import dev.bluegreen.decommissioner.config.DecommissionerConfig;
import dev.bluegreen.decommissioner.core.Approval;
import dev.bluegreen.decommissioner.core.Blue;
import dev.bluegreen.decommissioner.core.BlueEstate;
import dev.bluegreen.decommissioner.core.Failure;
import dev.bluegreen.decommissioner.core.Guards;
import dev.bluegreen.decommissioner.core.Plan;
import dev.bluegreen.decommissioner.core.Retention;
import dev.bluegreen.decommissioner.core.SharedRuleCheck;
import dev.bluegreen.decommissioner.core.Stage;
import dev.bluegreen.decommissioner.core.Step;
import dev.bluegreen.decommissioner.core.Ties;
import dev.bluegreen.messaging.CommandHandler;
import dev.bluegreen.messaging.Facts;
import dev.bluegreen.messaging.PhaseReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Retires blue for a {@link DecommissionBlue}: re-checks the retention window with its own clock,
 * then loops observe → tie-to-blue check → plan the next step → (guards, read fresh) → act, until
 * nothing of blue is left. It remembers nothing between steps but how often it tried each action
 * (and, for the command's length, a client of blue's Kubernetes API), so a restart or redelivery
 * simply continues from what the cloud shows.
 */
@ApplicationScoped
public class DecommissionerHandler implements CommandHandler {

  private static final Logger LOG = Logger.getLogger(DecommissionerHandler.class);

  private final BlueCloud cloud;
  private final DecommissionerConfig config;
  private final Waiting waiting;

  @Inject
  public DecommissionerHandler(BlueCloud cloud, DecommissionerConfig config, Waiting waiting) {
    this.cloud = cloud;
    this.config = config;
    this.waiting = waiting;
  }

  @Override
  public Set<Class<? extends Command>> accepts() {
    return Set.of(DecommissionBlue.class);
  }

  @Override
  public Phase phaseOf(Command command) {
    return Phase.DECOMMISSIONING;
  }

  @Override
  public void handle(CloudEvent<? extends Command> event, Facts facts) {
    DecommissionBlue command = (DecommissionBlue) event.data();
    PhaseReport report = new PhaseReport(command, Phase.DECOMMISSIONING, facts);
    Optional<Failure> refused =
        Retention.check(
                command.greenFullSince(),
                command.retention(),
                waiting.now(),
                config.earlyRetryableWithin())
            .or(() -> Approval.check(command.approvedBy(), config.requireApproval()));
    if (refused.isPresent()) {
      failed(report, refused.get());
      return;
    }
    Blue blue =
        new Blue(
            command.upgradeId(), command.cluster(), command.greenCluster(), config.conventions());
    try (BlueCloud.Session session = cloud.open(blue)) {
      run(command, blue, session, report);
    } catch (ReadFailed e) {
      failed(report, e.failure);
    }
  }

  /**
   * Reads the cloud, retrying a transient failure that outlasted the SDK's own retries a bounded
   * number of times; a permanent one (or the last transient one) ends the command.
   */
  private <T> T read(String what, Supplier<T> reading) {
    for (int attempt = 1; ; attempt++) {
      try {
        return reading.get();
      } catch (RuntimeException e) {
        Failure f = cloudFailure(what, e, attempt);
        if (!f.retryable() || attempt >= config.maxAttemptsPerAction()) {
          throw new ReadFailed(f);
        }
        LOG.warnf("%s (attempt %d of %d)", f.reason(), attempt, config.maxAttemptsPerAction());
        pause();
      }
    }
  }

  /** A read of the cloud that failed for good; carries the failure to report. */
  private static final class ReadFailed extends RuntimeException {
    private final transient Failure failure;

    ReadFailed(Failure failure) {
      super(failure.reason(), null, false, false);
      this.failure = failure;
    }
  }

  private void run(
      DecommissionBlue command, Blue blue, BlueCloud.Session session, PhaseReport report) {
    Set<String> addons = new LinkedHashSet<>(config.addonsToDelete());
    // The first observation reads everything: the ties, the inventory and a dry run need it all.
    BlueCloud.Observation seen = read("reading blue's estate", () -> session.observe(true));
    BlueEstate first = seen.estate();
    Optional<Failure> broken = Ties.check(blue, first);
    if (broken.isPresent()) {
      failed(report, broken.get());
      return;
    }
    Optional<Failure> forAPerson = SharedRuleCheck.check(blue, first);
    if (forAPerson.isPresent()) {
      failed(report, forAPerson.get());
      return;
    }
    List<String> inventory = Plan.inventory(first, addons);
    if (command.dryRun()) {
      // A faithful rehearsal: the same guards a real run would check first, nothing changed.
      if (!first.isEmpty()) {
        BlueCloud.Observation observed = seen;
        Optional<Failure> guard =
            Guards.check(blue, read("reading the guards", () -> session.guards(observed)));
        if (guard.isPresent()) {
          failed(report, guard.get());
          return;
        }
      }
      retired(command, report, inventory, true);
      return;
    }
    Instant deadline = waiting.now().plus(config.timeout());
    Map<String, Integer> attempts = new HashMap<>();
    Map<String, Failure> lastError = new HashMap<>();
    BlueEstate estate = first;
    String lastWait = null;
    while (true) {
      Step step = Plan.next(blue, estate, addons);
      if (step instanceof Step.Done) {
        retired(command, report, inventory, false);
        return;
      }
      if (step instanceof Step.Blocked blocked) {
        failed(report, blocked.failure());
        return;
      }
      if (waiting.now().isAfter(deadline)) {
        failed(
            report,
            new Failure(
                "gave up after " + config.timeout() + " waiting for: " + describe(step),
                "TIMEOUT",
                true,
                Map.of("waitingFor", describe(step))));
        return;
      }
      if (step instanceof Step.Await await) {
        LOG.debugf("%s: waiting, %s", blue.cluster(), await.what());
        if (!await.what().equals(lastWait)) {
          // Deleting a cluster takes ~15 min: say what we wait for, once per state.
          report.progress(
              await.stage().step(),
              await.stage().number(),
              Stage.count(),
              "waiting: " + await.what());
          lastWait = await.what();
        }
        pause();
      } else if (step instanceof Step.Act act) {
        String key = act.kind() + " " + act.target();
        int tried = attempts.merge(key, 1, Integer::sum);
        if (tried > config.maxAttemptsPerAction()) {
          failed(report, exhausted(act, tried - 1, lastError.get(key), estate));
          return;
        }
        LOG.debugf("%s: checking guards before %s", blue.cluster(), key);
        // The guards' inputs are read after the last step and right before this one: what the
        // observation just read (blue's target group, the rules) is not read twice.
        BlueCloud.Observation observed = seen;
        Optional<Failure> guard =
            Guards.check(blue, read("reading the guards", () -> session.guards(observed)));
        if (guard.isPresent()) {
          failed(report, guard.get());
          return;
        }
        LOG.debugf("%s: %s", blue.cluster(), key);
        try {
          session.perform(act, command.commandId());
          lastError.remove(key);
          report.progress(
              act.stage().step(),
              act.stage().number(),
              Stage.count(),
              key + (tried > 1 ? " (attempt " + tried + ")" : ""));
        } catch (RuntimeException e) {
          Failure f = cloudFailure(key, e, tried);
          LOG.warnf(
              "%s: %s (attempt %d of %d)",
              blue.cluster(), f.reason(), tried, config.maxAttemptsPerAction());
          lastError.put(key, f);
          pause();
        }
      }
      seen = read("reading blue's estate", () -> session.observe(false));
      estate = seen.estate();
      LOG.debugf("%s: observed (%s)", blue.cluster(), seen.scope());
      broken = Ties.check(blue, estate);
      if (broken.isPresent()) {
        failed(report, broken.get());
        return;
      }
    }
  }

  /** The failure after an action was tried as often as allowed without the cloud moving on. */
  private Failure exhausted(Step.Act act, int tried, Failure last, BlueEstate estate) {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("action", act.kind().name());
    evidence.put("target", act.target());
    evidence.put("attempts", tried);
    estate.nodegroups().stream()
        .filter(n -> n.name().equals(act.target()))
        .findFirst()
        .ifPresent(
            n -> {
              evidence.put("status", n.status());
              evidence.put("healthIssues", n.healthIssues());
            });
    if (last != null) {
      evidence.putAll(last.evidence());
      return new Failure(
          act.kind() + " " + act.target() + " failed " + tried + " times; last: " + last.reason(),
          last.errorCode(),
          last.retryable(),
          evidence);
    }
    return new Failure(
        act.kind() + " " + act.target() + " did not take effect after " + tried + " attempts",
        "ATTEMPTS_EXHAUSTED",
        true,
        evidence);
  }

  private static String describe(Step step) {
    if (step instanceof Step.Await a) {
      return a.what();
    }
    if (step instanceof Step.Act a) {
      return a.kind() + " " + a.target();
    }
    return step.toString();
  }

  /** Waits one poll interval while the cloud works (scaling, deleting). */
  private void pause() {
    waiting.pause(config.pollInterval());
  }

  /**
   * The failure of a cloud call made while doing {@code what}, classified the one way (libs/cloud);
   * anything not from the cloud is rethrown.
   */
  private static Failure cloudFailure(String what, RuntimeException e, int attempt) {
    CloudError error = CloudErrors.classify(e).orElseThrow(() -> e);
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("attempt", attempt);
    evidence.putAll(error.evidence());
    return new Failure(
        what + " failed: " + error.reason(), error.code(), error.retryable(), evidence);
  }

  private static void failed(PhaseReport report, Failure f) {
    report.failed(f.errorCode(), f.reason(), f.retryable(), f.evidence());
  }

  private static void retired(
      DecommissionBlue command, PhaseReport report, List<String> deleted, boolean dryRun) {
    LOG.infof("%s retired (dryRun=%s): %s", command.cluster(), dryRun, deleted);
    report
        .facts()
        .publish(
            new BlueRetired(
                command.commandId(),
                command.upgradeId(),
                command.cluster(),
                command.greenCluster(),
                deleted,
                dryRun));
  }
}
