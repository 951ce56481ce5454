package dev.bluegreen.e2e;

import dev.bluegreen.testkit.KafkaBroker;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the end-to-end harness (package-private in e2e's test sources, shipped as its test-jar) to
 * the bench, so the bench starts services exactly as the e2e tests do instead of a second way. It
 * lives in the harness's package for that reason alone, and adds nothing of its own.
 */
public final class BenchHarness {

  private BenchHarness() {}

  /** The services of the platform, in start order. */
  public static java.util.List<String> services() {
    return Platform.SERVICES;
  }

  /** The repository root, as the harness finds it. */
  public static Path repoRoot() {
    return Platform.repoRoot();
  }

  /** One process started as the harness starts a service. */
  public static final class Service implements AutoCloseable {
    private final ServiceProcess process;
    private final Path jar;

    private Service(ServiceProcess process, Path jar) {
      this.process = process;
      this.jar = jar;
    }

    /**
     * Starts {@code <repo>/<folder>/target/quarkus-app/quarkus-run.jar} (a service's folder is
     * {@code services/<name>}) with the harness's flags; does not wait.
     */
    public static Service start(String folder, Map<String, String> properties, Path logDir) {
      Path root = Platform.repoRoot();
      // ServiceProcess resolves services/<name>; a folder elsewhere is reached from there.
      String name = folder.startsWith("services/") ? folder.substring(9) : "../" + folder;
      Path jar = root.resolve("services/" + name + "/target/quarkus-app/quarkus-run.jar");
      return new Service(ServiceProcess.start(name, root, properties, logDir), jar);
    }

    /** Waits until {@code /q/health/ready} answers 200: the first request it answers. */
    public Service awaitReady(Duration within) {
      process.awaitReady(within);
      return this;
    }

    public URI baseUri() {
      return process.baseUri();
    }

    /** The JVM's process id, found among this JVM's children by its jar. */
    public Optional<Long> pid() {
      return pidOf(jar);
    }

    @Override
    public void close() {
      process.close();
    }
  }

  /** The whole platform: every service against {@code broker}, started and awaited together. */
  public static final class Services implements AutoCloseable {
    private final Platform platform;

    private Services(Platform platform) {
      this.platform = platform;
    }

    public static Services start(KafkaBroker broker, Map<String, String> properties) {
      return new Services(Platform.start(broker, properties));
    }

    /**
     * The services with another heap than the e2e harness's default ({@code -Xmx256m}): a fleet of
     * a thousand upgrades in flight needs more per service (the Kubernetes manifests allow 512m).
     * The harness reads the heap from {@code bluegreen.e2e.service-heap} when it launches each
     * service, so it is set for the start only.
     */
    public static Services start(KafkaBroker broker, Map<String, String> properties, String heap) {
      String key = "bluegreen.e2e.service-heap";
      String before = System.getProperty(key);
      if (before != null) {
        // Set on the command line: that wins, as for every other stage.
        return start(broker, properties);
      }
      System.setProperty(key, heap);
      try {
        return start(broker, properties);
      } finally {
        System.clearProperty(key);
      }
    }

    public URI baseUri(String service) {
      return platform.service(service).baseUri();
    }

    @Override
    public void close() {
      platform.close();
    }
  }

  /** The REST API as the e2e tests drive it. */
  public static final class Api {
    private final UpgradeApi api;

    public Api(URI base) {
      this.api = new UpgradeApi(base);
    }

    /** POSTs the request; the upgrade id on 202, else an AssertionError with the answer. */
    public String requestUpgrade(String body) {
      return api.requestUpgrade(body);
    }

    /** GET {@code path}: the status and the body as text. */
    public String state(String upgradeId) {
      return api.upgrade(upgradeId).path("state").asText();
    }
  }

  private static Optional<Long> pidOf(Path jar) {
    String wanted = jar.toString();
    return ProcessHandle.current()
        .children()
        .filter(
            p ->
                p.info()
                    .arguments()
                    .map(args -> java.util.Arrays.asList(args).contains(wanted))
                    .orElse(false))
        .map(ProcessHandle::pid)
        .findFirst();
  }
}
