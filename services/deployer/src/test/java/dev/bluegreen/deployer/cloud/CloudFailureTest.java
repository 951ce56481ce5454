package dev.bluegreen.deployer.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A failure must always carry a reason: PhaseFailed requires one, and a fact without it is refused
 * (a fleet benchmark under load lost 85 deployer failures that way and the upgrades waited for
 * their phase timeout instead).
 */
class CloudFailureTest {

  @Test
  void aKubernetesErrorWithoutAMessageIsExplainedByItsCause() {
    CloudFailure f =
        CloudFailure.of(new KubernetesClientException(null, new SocketTimeoutException("timeout")));
    // No HTTP status (the client says -1): the call never got an answer, so trying again may help.
    assertEquals("Kubernetes.-1", f.code());
    assertTrue(f.retryable());
    assertTrue(f.message().contains("SocketTimeoutException: timeout"), f.message());
  }

  @Test
  void anSdkErrorWithoutAMessageStillHasOne() {
    CloudFailure f = CloudFailure.of(SdkClientException.builder().build());
    assertFalse(f.message().isBlank(), f.message());
  }

  @Test
  void aBlankMessageIsReplacedByTheCode() {
    assertEquals(
        "Kubernetes.500: no message from the client",
        new CloudFailure("Kubernetes.500", " ", true).message());
  }

  @Test
  void aMessageIsKept() {
    assertEquals(
        "nodes is forbidden",
        CloudFailure.of(new KubernetesClientException("nodes is forbidden", 403, null)).message());
  }
}
