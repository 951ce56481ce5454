package dev.bluegreen.orchestrator.cloud;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bluegreen.cloud.AwsClients;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.EksClient;

/** An unreachable EKS is Unavailable (a 503 for the caller); a switched-off one is never asked. */
class AwsEksFleetTest {

  private static AwsEksFleet eks(boolean enabled, URI endpoint) {
    return new AwsEksFleet(
        enabled,
        () ->
            AwsClients.configure(
                    EksClient.builder(),
                    "us-east-1",
                    Optional.ofNullable(endpoint),
                    Duration.ofSeconds(5),
                    2)
                .build(),
        Duration.ofSeconds(10),
        Duration.ofMinutes(10));
  }

  @Test
  void disabledLookup_saysSo() {
    assertFalse(eks(false, null).enabled());
  }

  @Test
  void unreachableEks_isUnavailable_notAnException() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    AwsEksFleet versions = eks(true, URI.create("http://127.0.0.1:" + closedPort));
    try {
      assertThrows(EksFleet.Unavailable.class, () -> versions.describe("orders-prod"));
      assertThrows(EksFleet.Unavailable.class, () -> versions.clusters(""));
      assertThrows(EksFleet.Unavailable.class, versions::versions);
    } finally {
      versions.close();
    }
  }
}
