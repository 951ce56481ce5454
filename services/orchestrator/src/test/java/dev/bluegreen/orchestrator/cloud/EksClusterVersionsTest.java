package dev.bluegreen.orchestrator.cloud;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.bluegreen.orchestrator.config.OrchestratorConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The lookup never throws: an unreachable EKS is Unavailable, a switched-off one Disabled. */
class EksClusterVersionsTest {

  private static OrchestratorConfig.Eks eks(boolean enabled, URI endpoint) {
    return new OrchestratorConfig.Eks() {
      @Override
      public boolean enabled() {
        return enabled;
      }

      @Override
      public Optional<URI> endpointOverride() {
        return Optional.ofNullable(endpoint);
      }

      @Override
      public String region() {
        return "us-east-1";
      }

      @Override
      public Optional<String> accessKeyId() {
        return Optional.of("test");
      }

      @Override
      public Optional<String> secretAccessKey() {
        return Optional.of("test");
      }

      @Override
      public boolean tolerateUnavailable() {
        return true;
      }
    };
  }

  @Test
  void disabledLookup_isDisabled_withoutCallingEks() {
    assertInstanceOf(
        ClusterVersions.Disabled.class,
        new EksClusterVersions(eks(false, null)).currentVersion("orders-prod"));
  }

  @Test
  void unreachableEks_isUnavailable_notAnException() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    EksClusterVersions versions =
        new EksClusterVersions(eks(true, URI.create("http://127.0.0.1:" + closedPort)));
    try {
      assertInstanceOf(ClusterVersions.Unavailable.class, versions.currentVersion("orders-prod"));
    } finally {
      versions.close();
    }
  }
}
