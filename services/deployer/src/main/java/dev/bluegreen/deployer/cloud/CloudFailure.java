package dev.bluegreen.deployer.cloud;

import io.fabric8.kubernetes.client.KubernetesClientException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * An error from the cloud, classified: its code (the AWS error code, or {@code Kubernetes.<HTTP
 * status>.<reason>}) and whether trying again may help. The clients have already retried transient
 * errors (SDK standard retry mode; fabric8's request retry backoff) by the time one arrives here.
 *
 * @param code machine-readable code
 * @param message what went wrong
 * @param retryable whether trying again later may help
 */
public record CloudFailure(String code, String message, boolean retryable) {

  /**
   * A failure always says what went wrong: {@code PhaseFailed.reason} is required, and a fact that
   * breaks its schema is refused rather than sent, which would leave the orchestrator waiting for
   * the phase's timeout. Client exceptions (a timed-out Kubernetes call, notably) can have no
   * message; then the exception itself and its cause say it.
   */
  public CloudFailure {
    if (message == null || message.isBlank()) {
      message = code + ": no message from the client";
    }
  }

  private static String messageOf(Throwable e) {
    if (e.getMessage() != null && !e.getMessage().isBlank()) {
      return e.getMessage();
    }
    Throwable cause = e.getCause();
    return cause == null ? e.toString() : e + " caused by " + cause;
  }

  /** Classifies an exception from the AWS SDK or the Kubernetes client; null for anything else. */
  public static CloudFailure of(Throwable e) {
    if (e instanceof AwsServiceException aws) {
      String code = aws.awsErrorDetails() == null ? "Unknown" : aws.awsErrorDetails().errorCode();
      return new CloudFailure(
          code, messageOf(aws), aws.isThrottlingException() || aws.statusCode() >= 500);
    }
    if (e instanceof SdkClientException sdk) {
      return new CloudFailure("SdkClientError", messageOf(sdk), true);
    }
    if (e instanceof KubernetesClientException k) {
      int status = k.getCode();
      String reason = k.getStatus() == null ? null : k.getStatus().getReason();
      String code = "Kubernetes." + status + (reason == null ? "" : "." + reason);
      boolean retryable = status <= 0 || status == 409 || status == 429 || status >= 500;
      return new CloudFailure(code, messageOf(k), retryable);
    }
    return null;
  }
}
