package dev.bluegreen.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The one rule (libs/cloud/README.md). A failure must always carry a reason: PhaseFailed requires
 * one, and a fact without it is refused (a fleet benchmark under load lost 85 deployer failures
 * that way and the upgrades waited for their phase timeout instead).
 */
class CloudErrorsTest {

  private static AwsServiceException aws(String code, int status) {
    return AwsServiceException.builder()
        .statusCode(status)
        .requestId("req-1")
        .awsErrorDetails(
            AwsErrorDetails.builder().errorCode(code).errorMessage("said " + code).build())
        .build();
  }

  private static CloudError classify(Throwable e) {
    return CloudErrors.classify(e).orElseThrow();
  }

  @Test
  void throttlingServerErrorsTimeoutsAndConflicts_areRetryable() {
    assertTrue(classify(aws("ThrottlingException", 429)).retryable());
    // ELBv2 throttles with 400: the code decides.
    assertTrue(classify(aws("Throttling", 400)).retryable());
    assertTrue(classify(aws("ServerException", 500)).retryable());
    assertTrue(classify(aws("ServiceUnavailable", 503)).retryable());
    assertTrue(classify(aws("RequestTimeout", 400)).retryable());
    assertTrue(classify(aws("ResourceInUseException", 409)).retryable());
  }

  @Test
  void validationNotFoundAccessDeniedAndQuotas_areNot() {
    assertFalse(classify(aws("InvalidParameterException", 400)).retryable());
    assertFalse(classify(aws("ResourceNotFoundException", 404)).retryable());
    assertFalse(classify(aws("AccessDeniedException", 403)).retryable());
    assertFalse(classify(aws("ResourceLimitExceededException", 400)).retryable());
  }

  @Test
  void anAwsError_carriesItsCodeStatusRequestIdAndMessage() {
    CloudError e = classify(aws("AccessDeniedException", 403));
    assertEquals("AccessDeniedException", e.code());
    assertEquals(403, e.httpStatus());
    assertEquals("said AccessDeniedException", e.reason());
    assertEquals(Map.of("httpStatus", 403, "requestId", "req-1"), e.evidence());
  }

  @Test
  void anAwsErrorWithoutDetails_isNamedByItsType() {
    CloudError e = classify(AwsServiceException.builder().statusCode(502).message("bad").build());
    assertEquals("AwsServiceException", e.code());
    assertTrue(e.retryable());
  }

  @Test
  void noAnswerFromAws_isRetryable_andNamedByTheClientsException() {
    CloudError e = classify(ApiCallTimeoutException.create(30_000));
    assertEquals("ApiCallTimeoutException", e.code());
    assertEquals(0, e.httpStatus());
    assertTrue(e.retryable());
  }

  @Test
  void kubernetesErrors_followTheSameRuleByHttpStatus() {
    KubernetesClientException forbidden =
        new KubernetesClientException(
            new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("no").build());
    assertEquals("Kubernetes.403.Forbidden", classify(forbidden).code());
    assertFalse(classify(forbidden).retryable());
    assertFalse(classify(new KubernetesClientException("gone", 404, null)).retryable());
    assertTrue(classify(new KubernetesClientException("conflict", 409, null)).retryable());
    assertTrue(classify(new KubernetesClientException("slow down", 429, null)).retryable());
    assertTrue(classify(new KubernetesClientException("down", 503, null)).retryable());
  }

  @Test
  void anIoError_isRetryable() {
    CloudError e = classify(new UncheckedIOException(new IOException("connection reset")));
    assertEquals("IOException", e.code());
    assertTrue(e.retryable());
  }

  @Test
  void anythingElse_isNotTheCloudsToExplain() {
    assertTrue(CloudErrors.classify(new IllegalStateException("bug")).isEmpty());
  }

  // Moved from the deployer's CloudFailureTest with the classification.

  @Test
  void aKubernetesErrorWithoutAMessageIsExplainedByItsCause() {
    CloudError f =
        classify(new KubernetesClientException(null, new SocketTimeoutException("timeout")));
    // No HTTP status (the client says -1): the call never got an answer, so trying again may help.
    assertEquals("Kubernetes.-1", f.code());
    assertTrue(f.retryable());
    assertTrue(f.reason().contains("SocketTimeoutException: timeout"), f.reason());
  }

  @Test
  void anSdkErrorWithoutAMessageStillHasOne() {
    CloudError f = classify(SdkClientException.builder().build());
    assertFalse(f.reason().isBlank(), f.reason());
  }

  @Test
  void aBlankMessageIsReplacedByTheCode() {
    assertEquals(
        "Kubernetes.500: no message from the client",
        new CloudError("Kubernetes.500", 500, true, " ", null).reason());
  }

  @Test
  void aMessageIsKept() {
    assertEquals(
        "nodes is forbidden",
        classify(new KubernetesClientException("nodes is forbidden", 403, null)).reason());
  }
}
