package dev.bluegreen.e2e;

import dev.bluegreen.testkit.Deadline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One service of the platform running as its own JVM process from its Quarkus fast-jar, exactly as
 * the local run starts it: bounded heap, its own HTTP port, configuration as system properties,
 * output to a log file. Crash tests kill it with SIGKILL and start it again on the same port. It
 * dies with the test JVM however that ends ({@link ChildJvm}).
 */
public final class ServiceProcess implements AutoCloseable {

  /**
   * What the e2e scenarios need; a fleet of hundreds of upgrades in flight needs more per service
   * (commands hold their HTTP buffers while they wait): the bench asks for more.
   */
  public static final String DEFAULT_HEAP = "256m";

  /**
   * A system property: when {@code true}, each service starts with its whole heap committed and
   * touched ({@code -Xms} = {@code -Xmx}, {@code -XX:+AlwaysPreTouch}), so its resident memory
   * starts at the heap's ceiling and a later rise is memory off the heap. A soak run sets it: it
   * judges resident memory for growth, and a heap's pages first touched over an hour are not a
   * leak.
   */
  public static final String HEAP_COMMITTED = "bluegreen.e2e.service-heap-committed";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Path jar;
  private final int port;
  private final Map<String, String> properties;
  private final Path log;
  private final String heap;
  // Read by other threads (a soak run's sampler) while a chaos thread restarts the service.
  private volatile Process process;

  private ServiceProcess(
      String name, Path jar, int port, Map<String, String> properties, Path log, String heap) {
    this.name = name;
    this.jar = jar;
    this.port = port;
    this.properties = properties;
    this.log = log;
    this.heap = heap;
  }

  /**
   * Starts the service's fast-jar ({@code services/<name>}) on a free port with the default heap;
   * does not wait for readiness.
   */
  public static ServiceProcess start(
      String name, Path repoRoot, Map<String, String> properties, Path logDir) {
    return start(name, jarOf(repoRoot, "services/" + name), properties, logDir, DEFAULT_HEAP);
  }

  /**
   * Starts a Quarkus fast-jar on a free port, as every service is started, with the heap {@code
   * heap} unless {@code -Dbluegreen.e2e.service-heap} says otherwise; logs to {@code
   * <logDir>/<name>.log}; it signs its calls to the simulated cloud as itself ({@link
   * ServiceSettings#caller}). Does not wait for readiness.
   */
  public static ServiceProcess start(
      String name, Path jar, Map<String, String> properties, Path logDir, String heap) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build the services first (./mvnw verify builds them before e2e)");
    }
    Map<String, String> all = new TreeMap<>(ServiceSettings.caller(name));
    all.putAll(properties);
    ServiceProcess service =
        new ServiceProcess(name, jar, freePort(), all, logDir.resolve(name + ".log"), heap);
    service.launch();
    return service;
  }

  /** The fast-jar of the Quarkus module in {@code folder} (e.g. {@code services/deployer}). */
  public static Path jarOf(Path repoRoot, String folder) {
    return repoRoot.resolve(folder).resolve("target/quarkus-app/quarkus-run.jar");
  }

  private void launch() {
    List<String> args = new ArrayList<>();
    // Set on the command line, the heap wins over what the caller asked for.
    String size = System.getProperty("bluegreen.e2e.service-heap", heap);
    args.add("-Xmx" + size);
    if (Boolean.getBoolean(HEAP_COMMITTED)) {
      args.add("-Xms" + size);
      args.add("-XX:+AlwaysPreTouch");
    }
    args.add("-XX:+UseSerialGC");
    args.add("-Dquarkus.http.port=" + port);
    properties.forEach((k, v) -> args.add("-D" + k + "=" + v));
    args.add("-jar");
    args.add(jar.toString());
    // Dies with the test JVM, however that ends (ChildJvm explains how).
    process = ChildJvm.forE2e().start(args, log);
  }

  /** The process id, for logs and reports. */
  public long pid() {
    return process.pid();
  }

  public String name() {
    return name;
  }

  public URI baseUri() {
    return URI.create("http://localhost:" + port);
  }

  public Path log() {
    return log;
  }

  /** A configuration property it was started with (e.g. {@code kafka-streams.state.dir}). */
  public Optional<String> property(String key) {
    return Optional.ofNullable(properties.get(key));
  }

  /** Waits until {@code /q/health/ready} answers 200, failing early if the process died. */
  public ServiceProcess awaitReady(Duration within) {
    Deadline deadline = Deadline.in(within);
    while (true) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + "; see " + log);
      }
      if (ready()) {
        return this;
      }
      deadline.check(name + " to be ready (log: " + log + ")");
      deadline.pause();
    }
  }

  private boolean ready() {
    try {
      HttpResponse<Void> response =
          HTTP.send(
              HttpRequest.newBuilder(baseUri().resolve("/q/health/ready"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** SIGKILL: no shutdown hooks, no commits, no goodbyes, as a crash would be. */
  public void kill() {
    ChildJvm.forE2e().kill(process);
  }

  /** Starts the service again on the same port with the same configuration. */
  public ServiceProcess restart() {
    if (process.isAlive()) {
      throw new IllegalStateException(name + " is still running");
    }
    launch();
    return this;
  }

  @Override
  public void close() {
    if (process != null) {
      ChildJvm.forE2e().stop(process);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
