package dev.bluegreen.cloud;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one rule for whether a failed cloud call is worth trying again, and the classification of
 * what a call threw into a {@link CloudError}. Every phase service builds its {@code PhaseFailed}
 * from it; a retry policy can apply {@link #retryable(String, int)} to a fact's code and status.
 *
 * <p>Retryable: no answer at all (I/O error, connection refused, timeout: status 0), request
 * timeout (408), conflict (409: a concurrent change, e.g. a delete racing a create, or a stale
 * resourceVersion), throttling (429, or a throttling code whatever the status: ELBv2 answers 400),
 * and server errors (5xx). Not retryable: every other answer (validation 400, access denied 403,
 * not found 404, quota exceeded ...): the same call would be refused again. By the time an error
 * arrives here the clients have already retried the transient ones (the SDK's standard retry mode,
 * fabric8's request retry backoff), so retryable means "later", not "at once". See
 * libs/cloud/README.md.
 *
 * <p>A pure function of what was thrown: no Quarkus, no clock, no I/O. fabric8 is needed on the
 * class path only by callers that have Kubernetes clients (it is not touched otherwise).
 */
public final class CloudErrors {

  /** AWS error codes of throttling (the SDK's list), whatever HTTP status they come with. */
  static final Set<String> THROTTLING =
      Set.of(
          "Throttling",
          "ThrottlingException",
          "ThrottledException",
          "RequestThrottledException",
          "TooManyRequestsException",
          "ProvisionedThroughputExceededException",
          "TransactionInProgressException",
          "RequestLimitExceeded",
          "BandwidthLimitExceeded",
          "RequestThrottled",
          "SlowDown",
          "PriorRequestNotComplete",
          "EC2ThrottledException");

  /** AWS error codes of a transient fault on AWS's side, whatever HTTP status they come with. */
  static final Set<String> TRANSIENT =
      Set.of("RequestTimeout", "RequestTimeoutException", "IDPCommunicationError");

  private static final boolean KUBERNETES =
      present("io.fabric8.kubernetes.client.KubernetesClientException");

  private CloudErrors() {}

  /**
   * The rule: whether trying the same call again later may help, from the error code and the HTTP
   * status of the answer (0: there was none).
   */
  public static boolean retryable(String code, int httpStatus) {
    if (httpStatus <= 0 || httpStatus == 408 || httpStatus == 409 || httpStatus == 429) {
      return true;
    }
    if (httpStatus >= 500) {
      return true;
    }
    return code != null && (THROTTLING.contains(code) || TRANSIENT.contains(code));
  }

  /**
   * What a cloud call threw, classified; empty for anything that is not an error of a cloud call (a
   * bug, an illegal state): those are not the cloud's to explain.
   */
  public static Optional<CloudError> classify(Throwable e) {
    if (e instanceof AwsServiceException aws) {
      String code =
          aws.awsErrorDetails() == null || aws.awsErrorDetails().errorCode() == null
              ? "AwsServiceException"
              : aws.awsErrorDetails().errorCode();
      String message =
          aws.awsErrorDetails() == null || aws.awsErrorDetails().errorMessage() == null
              ? messageOf(aws)
              : aws.awsErrorDetails().errorMessage();
      int status = aws.statusCode();
      return Optional.of(
          new CloudError(code, status, retryable(code, status), message, aws.requestId()));
    }
    if (e instanceof SdkException sdk) {
      // The SDK got no answer it could use (connection refused, call timeout, retries spent).
      String code = sdk.getClass().getSimpleName();
      return Optional.of(new CloudError(code, 0, true, messageOf(sdk), null));
    }
    if (KUBERNETES) {
      Optional<CloudError> kubernetes = Kubernetes.classify(e);
      if (kubernetes.isPresent()) {
        return kubernetes;
      }
    }
    if (e instanceof UncheckedIOException io) {
      String code =
          io.getCause() == null ? "IOException" : io.getCause().getClass().getSimpleName();
      return Optional.of(new CloudError(code, 0, true, messageOf(io), null));
    }
    return Optional.empty();
  }

  /** Whether this is an error of a cloud call (one {@link #classify} explains). */
  public static boolean isCloudError(Throwable e) {
    return classify(e).isPresent();
  }

  /** Whether this is an error of a cloud call that may pass if the call is made again later. */
  public static boolean isTransient(Throwable e) {
    return classify(e).map(CloudError::retryable).orElse(false);
  }

  /** The exception's message or, when it has none (a timed-out call may not), its cause's. */
  private static String messageOf(Throwable e) {
    if (e.getMessage() != null && !e.getMessage().isBlank()) {
      return e.getMessage();
    }
    Throwable cause = e.getCause();
    return cause == null ? e.toString() : e + " caused by " + cause;
  }

  /**
   * Kubernetes client errors, in a class of their own: loading it needs fabric8, which a service
   * without Kubernetes clients does not have (verifying code that handles a fabric8 type loads it).
   */
  private static final class Kubernetes {
    static Optional<CloudError> classify(Throwable e) {
      if (!(e instanceof KubernetesClientException k)) {
        return Optional.empty();
      }
      // fabric8 says -1 (or 0) when no answer came back.
      int status = Math.max(0, k.getCode());
      String reason = k.getStatus() == null ? null : k.getStatus().getReason();
      String code = "Kubernetes." + k.getCode() + (reason == null ? "" : "." + reason);
      return Optional.of(new CloudError(code, status, retryable(code, status), messageOf(k), null));
    }
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, CloudErrors.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
