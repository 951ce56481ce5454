package dev.bluegreen.messaging;

import dev.bluegreen.cloud.CloudError;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.events.Phase;
import dev.bluegreen.contracts.events.PhaseFailed;
import dev.bluegreen.contracts.events.PhaseProgressed;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The progress and failure facts of one command, built the one way every phase service builds them:
 * {@code PhaseProgressed} for long work, {@code PhaseFailed} from a failure of the service's own (a
 * guard, a refused plan) or from a cloud error classified by libs/cloud's {@code CloudErrors}. The
 * phase's own result fact goes through {@link Facts} directly.
 *
 * <p>It remembers the step the command is at ({@link #step}), which every failure then names in its
 * evidence ({@code step}), so a failure says what was being done when it happened.
 */
public final class PhaseReport {

  private static final Logger LOG = Logger.getLogger(PhaseReport.class);

  private final Command command;
  private final Phase phase;
  private final Facts facts;
  private String step;

  /** Reports for {@code command}, in {@code phase}, through the command's {@code facts}. */
  public PhaseReport(Command command, Phase phase, Facts facts) {
    this.command = command;
    this.phase = phase;
    this.facts = facts;
  }

  /** The facts of the command, for its result. */
  public Facts facts() {
    return facts;
  }

  /** The step the command is at now (logged; named by a failure's evidence). */
  public void step(String now) {
    step = now;
    LOG.debugf("%s %s: %s", phase, command.greenCluster(), now);
  }

  /** Publishes a {@code PhaseProgressed}; {@code done} and {@code total} may be null. */
  public void progress(String name, Integer done, Integer total, String message) {
    facts.publish(progressed(command, phase, name, done, total, message));
  }

  /** Publishes a {@code PhaseFailed} for a failure of the service's own. */
  public void failed(String code, String reason, boolean retryable, Map<String, Object> evidence) {
    Map<String, Object> all = new LinkedHashMap<>(evidence);
    if (step != null) {
      all.put("step", step);
    }
    LOG.warnf(
        "%s of %s failed%s: %s (%s)",
        phase, command.cluster(), step == null ? "" : " while " + step, reason, code);
    facts.publish(failure(command, phase, code, reason, retryable, all));
  }

  /** Publishes the {@code PhaseFailed} a step ended the command with. */
  public void failed(PhaseFailure failure) {
    failed(failure.code(), failure.getMessage(), failure.retryable(), failure.evidence());
  }

  /**
   * Publishes a {@code PhaseFailed} for a cloud error: its code, reason and retryability as
   * classified, its HTTP status and request id in the evidence besides {@code evidence}.
   */
  public void failed(CloudError error, Map<String, Object> evidence) {
    Map<String, Object> all = new LinkedHashMap<>(evidence);
    all.putAll(error.evidence());
    failed(error.code(), error.reason(), error.retryable(), all);
  }

  /** A {@code PhaseProgressed} answering the command. */
  public static PhaseProgressed progressed(
      Command c, Phase phase, String name, Integer done, Integer total, String message) {
    return new PhaseProgressed(
        c.commandId(),
        c.upgradeId(),
        c.cluster(),
        c.greenCluster(),
        phase,
        name,
        done,
        total,
        message);
  }

  /** A {@code PhaseFailed} answering the command; a blank reason is replaced by the code. */
  public static PhaseFailed failure(
      Command c,
      Phase phase,
      String code,
      String reason,
      boolean retryable,
      Map<String, Object> evidence) {
    return new PhaseFailed(
        c.commandId(),
        c.upgradeId(),
        c.cluster(),
        c.greenCluster(),
        phase,
        // The schema requires a reason; a failure without one would be refused, not reported.
        reason == null || reason.isBlank() ? code + " (no reason given)" : reason,
        code,
        retryable,
        evidence);
  }
}
