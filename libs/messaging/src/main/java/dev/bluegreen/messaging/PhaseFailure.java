package dev.bluegreen.messaging;

import java.util.Map;

/**
 * Thrown out of a step to end the command with a {@code PhaseFailed} fact: a failure of the
 * service's own (a guard that does not hold, a resource in a state the phase cannot go on from),
 * caught where the command is handled and published by {@link PhaseReport#failed(PhaseFailure)}.
 * Cloud errors are not wrapped in it: they are classified where they are caught (libs/cloud's
 * {@code CloudErrors}).
 */
public class PhaseFailure extends RuntimeException {
  private final String code;
  private final boolean retryable;
  private final transient Map<String, Object> evidence;

  /**
   * @param code machine-readable code
   * @param reason for people
   * @param retryable whether sending the same command again may help
   * @param evidence what was seen
   */
  public PhaseFailure(String code, String reason, boolean retryable, Map<String, Object> evidence) {
    super(reason);
    this.code = code;
    this.retryable = retryable;
    this.evidence = Map.copyOf(evidence);
  }

  /** Machine-readable code. */
  public String code() {
    return code;
  }

  /** Whether sending the same command again may help. */
  public boolean retryable() {
    return retryable;
  }

  /** What was seen. */
  public Map<String, Object> evidence() {
    return evidence;
  }
}
