package dev.bluegreen.provisioner.cloud;

import dev.bluegreen.messaging.PhaseFailure;
import java.util.Map;

/**
 * A resource did not reach the state waited for (it failed, or the deadline passed), or is not this
 * upgrade's: ends the command with a {@code PhaseFailed} fact.
 */
public final class GreenFailure extends PhaseFailure {

  /** A failure with a machine-readable code and what was seen. */
  public GreenFailure(
      String code, String message, boolean retryable, Map<String, Object> evidence) {
    super(code, message, retryable, evidence);
  }
}
