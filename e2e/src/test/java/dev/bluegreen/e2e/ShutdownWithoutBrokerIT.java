package dev.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shutdown is part of surviving: every service sent SIGTERM while the broker is down exits within
 * its grace period (the Kubernetes manifests give 30 s), instead of waiting for a broker that is
 * not coming back before the kubelet's SIGKILL.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ShutdownWithoutBrokerIT {

  /** Well inside the manifests' 30 s grace period. */
  private static final Duration GRACE = Duration.ofSeconds(20);

  @Test
  void everyService_exitsWithinItsGracePeriod_whileTheBrokerIsDown(KafkaBroker broker)
      throws Exception {
    try (SimulatedCloud cloud = new SimulatedCloud();
        Platform platform = Platform.start(broker, cloud.serviceSettings())) {
      broker.stopBroker();
      try {
        Map<String, ProcessHandle> running = new LinkedHashMap<>();
        for (String name : Platform.SERVICES) {
          ProcessHandle p = ProcessHandle.of(platform.service(name).pid()).orElseThrow();
          running.put(name, p);
          p.destroy(); // SIGTERM, as the kubelet sends it
        }
        Map<String, String> late = new LinkedHashMap<>();
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (Map.Entry<String, ProcessHandle> e : running.entrySet()) {
          long left = Math.max(0, deadline - System.nanoTime());
          try {
            e.getValue().onExit().get(left, TimeUnit.NANOSECONDS);
          } catch (TimeoutException stillRunning) {
            late.put(e.getKey(), "still running after " + GRACE);
          }
        }
        assertEquals(Map.of(), late, "services that ignored SIGTERM without a broker");
      } finally {
        broker.restartBroker();
      }
    }
  }
}
