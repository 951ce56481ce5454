package dev.bluegreen.provisioner.cloud;

import java.util.Map;

/**
 * A resource did not reach the state waited for (it failed, or the deadline passed): carries what
 * the {@code PhaseFailed} fact needs.
 */
public final class GreenFailure extends RuntimeException {
  private final String code;
  private final boolean retryable;
  private final Map<String, Object> evidence;

  /** A failure with a machine-readable code and what was seen. */
  public GreenFailure(
      String code, String message, boolean retryable, Map<String, Object> evidence) {
    super(message);
    this.code = code;
    this.retryable = retryable;
    this.evidence = Map.copyOf(evidence);
  }

  /** Machine-readable code. */
  public String code() {
    return code;
  }

  /** Whether trying again may help. */
  public boolean retryable() {
    return retryable;
  }

  /** What was seen. */
  public Map<String, Object> evidence() {
    return evidence;
  }
}
