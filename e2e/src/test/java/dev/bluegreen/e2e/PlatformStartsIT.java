package dev.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every service starts as its own process against the real broker and reports ready, and a service
 * killed with SIGKILL comes back on restart. This is the ground the end-to-end scenarios stand on.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PlatformStartsIT {

  @Test
  void everyServiceStarts_andAKilledServiceComesBack(KafkaBroker broker) {
    // Ready means able to work, cloud included (libs/cloud's readiness check), so the platform
    // starts against the simulator as it does for every scenario.
    try (SimulatedCloud cloud = new SimulatedCloud();
        Platform platform = Platform.start(broker, cloud.serviceSettings())) {
      for (String name : Platform.SERVICES) {
        assertTrue(platform.service(name).log().toFile().exists(), name + " has a log");
      }
      ServiceProcess provisioner = platform.service("provisioner");
      provisioner.kill();
      provisioner.restart().awaitReady(Duration.ofSeconds(90));
    }
  }
}
