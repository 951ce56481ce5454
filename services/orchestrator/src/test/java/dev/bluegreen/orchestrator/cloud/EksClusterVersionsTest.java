package dev.bluegreen.orchestrator.cloud;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.bluegreen.cloud.AwsClients;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.EksClient;

/** The lookup never throws: an unreachable EKS is Unavailable, a switched-off one Disabled. */
class EksClusterVersionsTest {

  private static EksClusterVersions eks(boolean enabled, URI endpoint) {
    return new EksClusterVersions(
        enabled,
        () ->
            AwsClients.configure(
                    EksClient.builder(),
                    "us-east-1",
                    Optional.ofNullable(endpoint),
                    Duration.ofSeconds(5),
                    2)
                .build());
  }

  @Test
  void disabledLookup_isDisabled_withoutCallingEks() {
    assertInstanceOf(
        ClusterVersions.Disabled.class, eks(false, null).currentVersion("orders-prod"));
  }

  @Test
  void unreachableEks_isUnavailable_notAnException() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    EksClusterVersions versions = eks(true, URI.create("http://127.0.0.1:" + closedPort));
    try {
      assertInstanceOf(ClusterVersions.Unavailable.class, versions.currentVersion("orders-prod"));
    } finally {
      versions.close();
    }
  }
}
