package dev.bluegreen.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bluegreen.testkit.Deadline;
import dev.bluegreen.testkit.InjectKafkaBroker;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A service built on this library is ready only while its Kafka consumer and producer can work:
 * /q/health/ready goes DOWN (503) when the broker stops and UP (200) again when it returns, on its
 * own, with the same clients.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class BrokerOutageReadinessIT {

  @InjectKafkaBroker KafkaBroker broker;

  @TestHTTPResource("/q/health/ready")
  URI ready;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void readiness_goesDownWhileTheBrokerIsStopped_andUpWhenItReturns() throws Exception {
    awaitReadiness(200, "ready before the outage");
    broker.stopBroker();
    try {
      awaitReadiness(503, "not ready while the broker is stopped");
    } finally {
      broker.restartBroker();
    }
    awaitReadiness(200, "ready again after the broker returned");
  }

  private void awaitReadiness(int status, String what) throws InterruptedException {
    Deadline deadline = Deadline.in(Duration.ofSeconds(90));
    int last = -1;
    String body = "";
    while (true) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        last = response.statusCode();
        body = response.body();
        if (last == status) {
          return;
        }
      } catch (IOException e) {
        body = e.toString();
      }
      if (deadline.passed()) {
        assertEquals(status, last, what + "; last answer: " + body);
      }
      deadline.pause();
    }
  }
}
