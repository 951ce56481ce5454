package dev.bluegreen.cloudsim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The embedded HTTP server: the JDK's own {@code com.sun.net.httpserver}, so the simulator adds no
 * HTTP stack to the classpath of a Quarkus test that starts it in-process. One port serves every
 * protocol; {@code router} picks the adapter per request.
 */
public final class SimServer implements AutoCloseable {
  static {
    // Without TCP_NODELAY the JDK server's small responses wait on delayed ACKs (tens of ms per
    // call). The property only concerns com.sun.net.httpserver; an explicit setting wins.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    // The JDK server keeps at most 200 idle keep-alive connections and closes any further one right
    // after its response. Its client, having been answered on a kept-alive connection, sends the
    // next request on it and gets "Connection was closed": at 100 concurrent upgrades that failed
    // 20 deployments (every service keeps connections open to the one simulated cloud, the deployer
    // one set per workload cluster). A real cloud has many endpoints and no such cap.
    if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
      System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
    }
    // Likewise the server closes a connection idle for 30 s while Vert.x clients (fabric8) keep
    // theirs for 60 s: outlast the clients so it is always the client that closes an idle one.
    if (System.getProperty("sun.net.httpserver.idleInterval") == null) {
      System.setProperty("sun.net.httpserver.idleInterval", "120");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;

  public SimServer(String host, int port, int threads, Function<SimRequest, SimResponse> router)
      throws IOException {
    this.server = HttpServer.create(new InetSocketAddress(host, port), 128);
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "cloud-sim-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", exchange -> serve(exchange, router));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void serve(HttpExchange exchange, Function<SimRequest, SimResponse> router)
      throws IOException {
    try (exchange) {
      SimResponse response;
      try {
        response = router.apply(read(exchange));
      } catch (RuntimeException e) {
        // A bug in the simulator, not a client error: still answer in a parseable shape.
        String msg = String.valueOf(e).replace("\\", "\\\\").replace("\"", "'");
        response =
            SimResponse.json(500, "{\"message\":\"cloud-sim internal error: " + msg + "\"}")
                .withHeader("x-amzn-ErrorType", "ServerException");
      }
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] body = response.body();
      boolean noBody =
          body.length == 0
              || exchange.getRequestMethod().equals("HEAD")
              || response.status() == 204;
      exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
      if (!noBody) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  private static SimRequest read(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(), v.isEmpty() ? "" : v.get(0)));
    String rawQuery = exchange.getRequestURI().getRawQuery();
    Map<String, List<String>> query = SimRequest.parseForm(rawQuery);
    String rawPath = exchange.getRequestURI().getRawPath();
    return new SimRequest(
        exchange.getRequestMethod().toUpperCase(),
        rawPath == null ? "/" : rawPath,
        query,
        headers,
        body);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
