package dev.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.bluegreen.testkit.Deadline;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
        // As in an outage: the services have noticed the broker is gone (not ready) before the
        // SIGTERM comes, so their clients are already reconnecting in a loop.
        for (String name : Platform.SERVICES) {
          awaitNotReady(platform.service(name).baseUri().resolve("/q/health/ready"));
        }
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
        running.forEach((name, p) -> assertFalse(p.isAlive(), name));
      } finally {
        broker.restartBroker();
      }
    }
  }

  private static void awaitNotReady(URI ready) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Deadline deadline = Deadline.in(Duration.ofSeconds(90));
    while (true) {
      int status;
      try {
        status =
            http.send(
                    HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode();
      } catch (java.io.IOException e) {
        status = -1;
      }
      if (status != 200) {
        return;
      }
      deadline.check(ready + " DOWN after the broker stopped");
      deadline.pause();
    }
  }
}
