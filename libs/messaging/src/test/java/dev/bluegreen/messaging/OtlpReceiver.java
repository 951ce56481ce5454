package dev.bluegreen.messaging;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A stand-in OpenTelemetry collector: an HTTP server on an ephemeral port that takes OTLP/HTTP
 * protobuf exports ({@code POST /v1/traces}), answers 200 and keeps each body. Started as a test
 * resource, it points the service's exporter at itself. Bodies are searched for raw ids (protobuf
 * carries trace and span ids as their 16 and 8 bytes), so no protobuf library is needed.
 */
public class OtlpReceiver implements QuarkusTestResourceLifecycleManager {

  private static final List<byte[]> BODIES = new ArrayList<>();
  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          synchronized (BODIES) {
            BODIES.add(body);
          }
          exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    return Map.of(
        "quarkus.otel.exporter.otlp.traces.endpoint",
        "http://127.0.0.1:" + server.getAddress().getPort(),
        "quarkus.otel.exporter.otlp.traces.protocol",
        "http/protobuf",
        "quarkus.otel.exporter.otlp.traces.compression",
        "none");
  }

  @Override
  public void stop() {
    server.stop(0);
  }

  static int count() {
    synchronized (BODIES) {
      return BODIES.size();
    }
  }

  /** Whether some export so far contains the id (hex trace or span id) as its raw bytes. */
  public static boolean exported(String hexId) {
    byte[] id = HexFormat.of().parseHex(hexId);
    synchronized (BODIES) {
      return BODIES.stream().anyMatch(body -> contains(body, id));
    }
  }

  /** Whether some export contains all the ids within one request body. */
  public static boolean exportedTogether(String... hexIds) {
    synchronized (BODIES) {
      return BODIES.stream()
          .anyMatch(
              body -> {
                for (String hex : hexIds) {
                  if (!contains(body, HexFormat.of().parseHex(hex))) {
                    return false;
                  }
                }
                return true;
              });
    }
  }

  private static boolean contains(byte[] body, byte[] id) {
    outer:
    for (int i = 0; i + id.length <= body.length; i++) {
      for (int j = 0; j < id.length; j++) {
        if (body[i + j] != id[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
