package dev.bluegreen.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.EksClient;

/** The builder is configured as the settings say, for the simulator and for real AWS. */
class AwsClientsTest {

  @Test
  void withEndpointOverride_clientTalksToTheSimulatorInItsRegion() {
    try (EksClient eks =
        AwsClients.configure(
                EksClient.builder(),
                "eu-west-1",
                Optional.of(URI.create("http://localhost:4566")),
                Duration.ofSeconds(5),
                3)
            .build()) {
      assertEquals("eu-west-1", eks.serviceClientConfiguration().region().id());
      assertEquals(
          URI.create("http://localhost:4566"),
          eks.serviceClientConfiguration().endpointOverride().orElseThrow());
      assertEquals(
          Duration.ofSeconds(5),
          eks.serviceClientConfiguration().overrideConfiguration().apiCallTimeout().orElseThrow());
    }
  }

  @Test
  void withoutEndpointOverride_clientUsesTheRealEndpoint() {
    try (EksClient eks =
        AwsClients.configure(
                EksClient.builder(), "us-east-1", Optional.empty(), Duration.ofSeconds(30), 8)
            .build()) {
      assertEquals(Optional.empty(), eks.serviceClientConfiguration().endpointOverride());
    }
  }
}
