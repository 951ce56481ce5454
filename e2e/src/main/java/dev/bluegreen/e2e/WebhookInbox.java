package dev.bluegreen.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Slack incoming webhook standing in for the notifier's channel: a JDK HTTP server on an
 * ephemeral port that answers every post 200 and keeps its body. The notifier's own tests use a
 * richer one (flaky, throttled); here only what reached the channel matters.
 */
public final class WebhookInbox implements AutoCloseable {

  private static final String PATH = "/chaos";

  private final HttpServer server;
  private final List<String> bodies = new ArrayList<>();

  private WebhookInbox(HttpServer server) {
    this.server = server;
  }

  /** Starts the inbox on 127.0.0.1 and an ephemeral port. */
  public static WebhookInbox start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      WebhookInbox inbox = new WebhookInbox(server);
      server.createContext(PATH, inbox::answer);
      server.start();
      return inbox;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The notifier's settings for one route to this inbox that posts everything: every severity,
   * every campaign's news.
   */
  public Map<String, String> notifierRoute() {
    return Map.of(
        "bluegreen.notifier.routes[0].name", "chaos",
        "bluegreen.notifier.routes[0].webhook-url", url(),
        "bluegreen.notifier.routes[0].campaigns", "ALL");
  }

  /** The webhook's URL. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
  }

  /** Every body posted so far, in arrival order. */
  public synchronized List<String> bodies() {
    return List.copyOf(bodies);
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      synchronized (this) {
        bodies.add(body);
      }
    }
    byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, ok.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(ok);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
