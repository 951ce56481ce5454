package dev.bluegreen.messaging;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Listens where an OTLP exporter with no endpoint configured would send: {@code localhost:4317}
 * (Quarkus' default), on every loopback address, and counts connections. Started before the app, so
 * any attempt of the app's to export is seen. If the port is taken (a collector runs here), {@link
 * #unavailable()} says why and the test that needs it is aborted with that reason.
 */
public class DefaultCollectorPortWatch implements QuarkusTestResourceLifecycleManager {

  static final int DEFAULT_OTLP_PORT = 4317;
  private static final AtomicInteger CONNECTIONS = new AtomicInteger();
  private static volatile String unavailable;
  private final List<ServerSocket> sockets = new ArrayList<>();

  @Override
  public Map<String, String> start() {
    try {
      for (InetAddress address : InetAddress.getAllByName("localhost")) {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(address, DEFAULT_OTLP_PORT));
        sockets.add(socket);
        Thread watch =
            new Thread(
                () -> {
                  while (!socket.isClosed()) {
                    try {
                      socket.accept().close();
                      CONNECTIONS.incrementAndGet();
                    } catch (IOException closed) {
                      return;
                    }
                  }
                },
                "otlp-port-watch-" + address.getHostAddress());
        watch.setDaemon(true);
        watch.start();
      }
    } catch (IOException e) {
      unavailable = "cannot listen on localhost:" + DEFAULT_OTLP_PORT + ": " + e;
    }
    return Map.of();
  }

  @Override
  public void stop() {
    for (ServerSocket socket : sockets) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }

  static int connections() {
    return CONNECTIONS.get();
  }

  static String unavailable() {
    return unavailable;
  }
}
