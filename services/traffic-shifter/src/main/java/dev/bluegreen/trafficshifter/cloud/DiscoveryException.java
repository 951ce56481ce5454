package dev.bluegreen.trafficshifter.cloud;

import dev.bluegreen.messaging.PhaseFailure;
import java.util.Map;

/**
 * The cloud does not look like the discovery convention says (no target group tagged for a cluster,
 * no rule or several rules forwarding to it): a permanent failure with a code.
 */
public class DiscoveryException extends PhaseFailure {

  public DiscoveryException(String errorCode, String message) {
    super(errorCode, message, false, Map.of());
  }

  /** Machine-readable reason, for PhaseFailed. */
  public String errorCode() {
    return code();
  }
}
