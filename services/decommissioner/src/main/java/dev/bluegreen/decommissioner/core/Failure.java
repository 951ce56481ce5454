package dev.bluegreen.decommissioner.core;

import java.util.Collections;
import java.util.LinkedHashMap;
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
    // Insertion order kept (it reads better in the fact); absent values left out.
    Map<String, Object> copy = new LinkedHashMap<>();
    evidence.forEach(
        (k, v) -> {
          if (v != null) {
            copy.put(k, v);
          }
        });
    evidence = Collections.unmodifiableMap(copy);
  }
}
