package dev.bluegreen.decommissioner.core;

import java.util.Map;

/**
 * Why the service stops, ready to become a {@code PhaseFailed} fact.
 *
 * @param reason human-readable reason
 * @param errorCode machine-readable code (one of ours, or the AWS / Kubernetes error code)
 * @param retryable whether sending the same command again may help
 * @param evidence what was seen (ARNs, weights, statuses), JSON-friendly values only
 */
public record Failure(
    String reason, String errorCode, boolean retryable, Map<String, Object> evidence) {
  public Failure {
    evidence = Map.copyOf(evidence);
  }
}
