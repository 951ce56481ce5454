package dev.bluegreen.decommissioner.cloud;

import dev.bluegreen.decommissioner.core.Failure;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what a cloud call threw (after the SDK's own retries) into a failure: the AWS error code,
 * or the Kubernetes status code, and whether trying again may help.
 */
public final class CloudErrors {

  private CloudErrors() {}

  /** Whether this exception came from a cloud call (and is reported, not rethrown). */
  public static boolean isCloudError(RuntimeException e) {
    return e instanceof SdkException || e instanceof KubernetesClientException;
  }

  /** The failure describing a call that threw {@code e} while doing {@code what}. */
  public static Failure describe(String what, RuntimeException e, Map<String, Object> evidence) {
    Map<String, Object> ev = new LinkedHashMap<>(evidence);
    if (e instanceof AwsServiceException aws) {
      String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
      ev.put("awsErrorCode", code);
      ev.put("httpStatus", aws.statusCode());
      ev.put("requestId", aws.requestId());
      boolean retryable = aws.isThrottlingException() || aws.statusCode() >= 500 || aws.retryable();
      return new Failure(
          what + " failed: " + aws.getMessage(),
          code == null ? "AwsServiceException" : code,
          retryable,
          ev);
    }
    if (e instanceof KubernetesClientException k) {
      ev.put("kubernetesStatus", k.getCode());
      // No HTTP status (fabric8 says -1, or 0): the call got no answer, so trying again may help.
      boolean retryable = k.getCode() <= 0 || k.getCode() == 429 || k.getCode() >= 500;
      return new Failure(
          what + " failed: " + k.getMessage(), "Kubernetes" + k.getCode(), retryable, ev);
    }
    // Client side (connection refused, timeout): the cloud may well answer next time.
    return new Failure(what + " failed: " + e, e.getClass().getSimpleName(), true, ev);
  }
}
