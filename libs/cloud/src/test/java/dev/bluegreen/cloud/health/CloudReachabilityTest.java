package dev.bluegreen.cloud.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cloud readiness check against a real local HTTP server, with a hand-moved clock. */
class CloudReachabilityTest {

  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private Instant now = Instant.parse("2026-11-25T00:00:00Z");

  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          // Like AWS answering an unsigned request: refused, but clearly there.
          exchange.sendResponseHeaders(403, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private CloudReachability reachability(URI endpoint, String credentialsProblem) {
    return new CloudReachability(
        endpoint,
        () -> credentialsProblem,
        Duration.ofSeconds(2),
        Duration.ofSeconds(30),
        Duration.ofSeconds(5),
        clock);
  }

  @Test
  void anHttpAnswer_evenARefusal_isReachable() {
    CloudReachability.Result result = reachability(endpoint(), null).check();
    assertTrue(result.reachable(), result.detail());
    assertEquals("HTTP 403", result.detail());
  }

  @Test
  void probesWithinTheTimeToLive_reuseTheResult_andAskAgainAfterIt() {
    CloudReachability reachability = reachability(endpoint(), null);
    for (int i = 0; i < 10; i++) {
      reachability.check();
      now = now.plusSeconds(2);
    }
    assertEquals(1, requests.get(), "ten probes within 20 s cost the cloud one request");
    now = now.plusSeconds(30);
    reachability.check();
    assertEquals(2, requests.get());
  }

  @Test
  void aClosedEndpoint_isNotReachable_andTheNextCheckAfterTheShortTtlSeesItBack() throws Exception {
    URI endpoint = endpoint();
    CloudReachability reachability = reachability(endpoint, null);
    server.stop(0);
    assertFalse(reachability.check().reachable());

    server = HttpServer.create(new InetSocketAddress("127.0.0.1", endpoint.getPort()), 0);
    server.createContext("/", exchange -> exchange.sendResponseHeaders(404, -1));
    server.start();
    assertFalse(reachability.check().reachable(), "still cached");
    now = now.plusSeconds(6);
    assertTrue(reachability.check().reachable(), "an outage is checked again after 5 s");
  }

  @Test
  void missingCredentials_areNotReady_andTheCloudIsNotAsked() {
    CloudReachability.Result result =
        reachability(endpoint(), "no AWS credentials resolve (SdkClientException)").check();
    assertFalse(result.reachable());
    assertEquals("no AWS credentials resolve (SdkClientException)", result.detail());
    assertEquals(0, requests.get());
  }
}
