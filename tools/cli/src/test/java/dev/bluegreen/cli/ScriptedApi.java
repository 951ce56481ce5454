package dev.bluegreen.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted API over real HTTP, in-process, for running the CLI against: each request ({@code
 * METHOD /path?query}) is answered with the next of its answers (the last one repeats), with the
 * status given or else 202 for a POST, 200 otherwise; a request without answers gets a 404 problem
 * naming it. Every request is kept, with its body.
 */
final class ScriptedApi implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, Deque<String>> answers = new ConcurrentHashMap<>();
  private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  ScriptedApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String key = exchange.getRequestMethod() + " " + exchange.getRequestURI();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(key + (body.isEmpty() ? "" : " " + body));
          Deque<String> queue = answers.get(key);
          String answer = queue == null ? null : queue.size() > 1 ? queue.poll() : queue.peek();
          int status =
              answer == null ? 404 : statuses.getOrDefault(key, key.startsWith("POST") ? 202 : 200);
          byte[] bytes =
              (answer == null
                      ? "{\"title\":\"Not found\",\"status\":404,\"detail\":\"no " + key + "\"}"
                      : answer)
                  .getBytes(StandardCharsets.UTF_8);
          exchange
              .getResponseHeaders()
              .add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  /** Answers {@code request} with {@code bodies} in turn, the last one from then on. */
  void answer(String request, String... bodies) {
    statuses.remove(request);
    answers.put(request, new ArrayDeque<>(List.of(bodies)));
  }

  /**
   * Answers {@code request} with {@code body} and {@code status} from then on (a 4xx: a problem).
   */
  void answer(String request, int status, String body) {
    answer(request, body);
    statuses.put(request, status);
  }

  /** The requests received so far, each with its body after a space. */
  List<String> requests() {
    return requests;
  }

  /** Runs the CLI with {@code args} against this API, {@code home} as its home. */
  CliRun run(Path home, String... args) {
    return CliRun.of(
        Map.of("BLUEGREEN_API", "http://127.0.0.1:" + server.getAddress().getPort()), home, args);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
