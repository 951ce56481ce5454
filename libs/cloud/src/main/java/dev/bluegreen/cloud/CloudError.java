package dev.bluegreen.cloud;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failed call to the cloud (AWS or a cluster's Kubernetes API), classified by {@link
 * CloudErrors}: what the {@code PhaseFailed} fact needs, and what a retry policy decides on.
 *
 * @param code machine-readable: the AWS error code ({@code ThrottlingException}), {@code
 *     Kubernetes.<status>[.<reason>]}, or the client exception's type when nothing answered
 * @param httpStatus the HTTP status of the answer; 0 when there was none (I/O error, timeout)
 * @param retryable whether the same call later may succeed ({@link CloudErrors#retryable})
 * @param reason for people: what the cloud or the client said; never blank
 * @param requestId the AWS request id, when AWS answered; null otherwise
 */
public record CloudError(
    String code, int httpStatus, boolean retryable, String reason, String requestId) {

  public CloudError {
    // PhaseFailed.reason is required: a fact without one is refused, not sent, and the
    // orchestrator would wait for the phase's timeout instead.
    if (reason == null || reason.isBlank()) {
      reason = code + ": no message from the client";
    }
  }

  /** The HTTP status and request id (what there is of them), as a fact's evidence. */
  public Map<String, Object> evidence() {
    Map<String, Object> out = new LinkedHashMap<>();
    if (httpStatus > 0) {
      out.put("httpStatus", httpStatus);
    }
    if (requestId != null) {
      out.put("requestId", requestId);
    }
    return out;
  }

  /** {@code code: reason}, for a check's or a log line's text. */
  public String describe() {
    return code + ": " + reason;
  }
}
