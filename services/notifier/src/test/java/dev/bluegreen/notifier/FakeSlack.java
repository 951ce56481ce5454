package dev.bluegreen.notifier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bluegreen.testkit.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A real HTTP server standing in for Slack's incoming webhooks, on an ephemeral port. Each path is
 * one channel's webhook and behaves as configured: {@code ok} answers 200, {@code flaky} answers
 * 500 to the first post of each message then 200, {@code throttled} answers 429 with {@code
 * Retry-After: 1} to the first post of each message then 200, {@code broken} always answers 500.
 * Every post is recorded with its arrival time.
 */
public final class FakeSlack implements AutoCloseable {

  /** How a webhook path answers. */
  public enum Behaviour {
    OK,
    FLAKY,
    THROTTLED,
    BROKEN
  }

  /** One post as Slack received it. */
  public record Post(String path, String body, Instant at, int answered) {}

  private final HttpServer server;
  private final List<Post> posts = new ArrayList<>();
  private final Set<String> seenBodies = new HashSet<>();

  private FakeSlack(HttpServer server) {
    this.server = server;
  }

  /** Starts the server with one webhook per path. */
  public static FakeSlack start(java.util.Map<String, Behaviour> webhooks) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    FakeSlack slack = new FakeSlack(server);
    webhooks.forEach(
        (path, behaviour) -> server.createContext(path, e -> slack.answer(e, behaviour)));
    server.start();
    return slack;
  }

  /** The URL of a webhook path. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void answer(HttpExchange exchange, Behaviour behaviour) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String path = exchange.getHttpContext().getPath();
    int status;
    synchronized (this) {
      boolean first = seenBodies.add(path + "\n" + body);
      status =
          switch (behaviour) {
            case OK -> 200;
            case FLAKY -> first ? 500 : 200;
            case THROTTLED -> first ? 429 : 200;
            case BROKEN -> 500;
          };
      posts.add(new Post(path, body, Instant.now(), status));
    }
    if (status == 429) {
      exchange.getResponseHeaders().add("Retry-After", "1");
    }
    byte[] answer = (status == 200 ? "ok" : "no").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  /** Every post to the path so far whose body matches. */
  public synchronized List<Post> posts(String path, Predicate<String> body) {
    return posts.stream().filter(p -> p.path().equals(path) && body.test(p.body())).toList();
  }

  /** Awaits the first post to the path that Slack took (200) and whose body matches, or fails. */
  public Post awaitDelivered(String path, Predicate<String> body) {
    Deadline deadline = Deadline.in(Duration.ofSeconds(30));
    while (true) {
      for (Post p : posts(path, body)) {
        if (p.answered() == 200) {
          return p;
        }
      }
      deadline.check("a message delivered to " + path);
      deadline.pause();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
