package dev.bluegreen.trafficshifter.cloud;

/**
 * The cloud does not look like the discovery convention says (no target group tagged for a cluster,
 * no rule or several rules forwarding to it): a permanent failure with a code.
 */
public class DiscoveryException extends RuntimeException {

  private final String errorCode;

  public DiscoveryException(String errorCode, String message) {
    super(message);
    this.errorCode = errorCode;
  }

  /** Machine-readable reason, for PhaseFailed. */
  public String errorCode() {
    return errorCode;
  }
}
