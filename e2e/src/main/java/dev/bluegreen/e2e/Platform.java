package dev.bluegreen.e2e;

import dev.bluegreen.issuer.LocalIssuer;
import dev.bluegreen.issuer.SigningKey;
import dev.bluegreen.testkit.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole platform for end-to-end tests and the bench: a real broker in the calling JVM (or a
 * cluster of {@link KafkaNodes}), and every service as its own process, configured as the local run
 * configures them.
 */
public final class Platform implements AutoCloseable {

  /** Every service an upgrade needs, in start order: what {@link #start} starts. */
  public static final List<String> SERVICES =
      List.of("orchestrator", "provisioner", "deployer", "traffic-shifter", "decommissioner");

  /**
   * The notifier: no upgrade waits for it, so only a platform that asks for it starts it ({@link
   * #withNotifier()}); it needs {@code bluegreen.notifier.routes[i].webhook-url} to post anything.
   */
  public static final String NOTIFIER = "notifier";

  private static final Duration READY_WITHIN = Duration.ofSeconds(90);

  private final String bootstrapServers;
  private final LocalIssuer issuer;
  private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

  private Platform(String bootstrapServers, LocalIssuer issuer) {
    this.bootstrapServers = bootstrapServers;
    this.issuer = issuer;
  }

  /** Starts every service against the broker and waits until each is ready. */
  public static Platform start(KafkaBroker broker, Map<String, String> extraProperties) {
    return start(broker, extraProperties, ServiceProcess.DEFAULT_HEAP);
  }

  /**
   * As {@link #start(KafkaBroker, Map)}, each service with the heap {@code heap} (e.g. {@code
   * 512m}) unless {@code -Dbluegreen.e2e.service-heap} says otherwise.
   */
  public static Platform start(
      KafkaBroker broker, Map<String, String> extraProperties, String heap) {
    return start(broker.bootstrapServers(), extraProperties, heap);
  }

  /**
   * As {@link #start(KafkaBroker, Map, String)}, against the Kafka cluster at {@code
   * bootstrapServers} (e.g. {@link KafkaNodes#bootstrapServers()}), whose topics exist already.
   */
  public static Platform start(
      String bootstrapServers, Map<String, String> extraProperties, String heap) {
    return start(bootstrapServers, extraProperties, heap, SERVICES, Map.of());
  }

  /** {@link #SERVICES} and the {@link #NOTIFIER}, in start order. */
  public static List<String> withNotifier() {
    List<String> all = new ArrayList<>(SERVICES);
    all.add(NOTIFIER);
    return List.copyOf(all);
  }

  /**
   * As {@link #start(KafkaBroker, Map, String)}, starting {@code names} (e.g. {@link
   * #withNotifier()}), which must include the orchestrator; a service named in {@code onlyFor} gets
   * those properties too (a channel's settings: SmallRye fails a service that has settings for a
   * channel it does not declare).
   */
  public static Platform start(
      KafkaBroker broker,
      Map<String, String> extraProperties,
      String heap,
      List<String> names,
      Map<String, Map<String, String>> onlyFor) {
    return start(broker.bootstrapServers(), extraProperties, heap, names, onlyFor);
  }

  /**
   * As {@link #start(KafkaBroker, Map, String, List, Map)}, against the Kafka cluster at {@code
   * bootstrapServers}, whose topics exist already.
   */
  public static Platform start(
      String bootstrapServers,
      Map<String, String> extraProperties,
      String heap,
      List<String> names,
      Map<String, Map<String, String>> onlyFor) {
    Path root = repoRoot();
    Path logs = root.resolve("e2e/target/service-logs");
    // The platform's own OIDC issuer (a fresh key each run): the API accepts only its tokens.
    Platform platform = new Platform(bootstrapServers, LocalIssuer.start(0, SigningKey.generate()));
    Map<String, String> common =
        new LinkedHashMap<>(
            ServiceSettings.broker(bootstrapServers, root.resolve("e2e/target/streams-state")));
    common.putAll(ServiceSettings.issuer(platform.issuer));
    common.putAll(extraProperties);
    List<ServiceProcess> started = new ArrayList<>();
    try {
      for (String name : names) {
        Map<String, String> properties = new LinkedHashMap<>(common);
        properties.putAll(onlyFor.getOrDefault(name, Map.of()));
        ServiceProcess service =
            ServiceProcess.start(
                name, ServiceProcess.jarOf(root, "services/" + name), properties, logs, heap);
        started.add(service);
        platform.services.put(name, service);
      }
      started.forEach(s -> s.awaitReady(READY_WITHIN));
      // Ready means HTTP and Kafka clients are up; the orchestrator decides only once Kafka
      // Streams runs, which GET /upgrades shows (503 until then).
      platform.api().awaitQueryable(READY_WITHIN);
      return platform;
    } catch (RuntimeException | AssertionError e) {
      platform.close();
      throw e;
    }
  }

  /** The names of the services this platform started, in start order. */
  public List<String> services() {
    return List.copyOf(services.keySet());
  }

  public ServiceProcess service(String name) {
    ServiceProcess service = services.get(name);
    if (service == null) {
      throw new IllegalArgumentException("no service " + name);
    }
    return service;
  }

  /** The bootstrap servers the services were given. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The issuer whose tokens the orchestrator accepts. */
  public LocalIssuer issuer() {
    return issuer;
  }

  /** The orchestrator's API as alice, the platform admin; {@code api().as("paul")} for another. */
  public UpgradeApi api() {
    return new UpgradeApi(service("orchestrator").baseUri(), issuer);
  }

  @Override
  public void close() {
    // All at once: each service's graceful shutdown (Kafka Streams, consumers leaving their
    // groups) takes a second or more, and nothing depends on the order they stop in.
    List<Thread> stopping = new ArrayList<>();
    for (ServiceProcess service : services.values()) {
      Thread t = new Thread(service::close, "stop-" + service.name());
      t.start();
      stopping.add(t);
    }
    try {
      for (Thread t : stopping) {
        t.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      issuer.close();
    }
  }

  /** The repository root: the e2e module's parent folder. */
  public static Path repoRoot() {
    Path here = Path.of("").toAbsolutePath();
    Path root = Files.isDirectory(here.resolve("services")) ? here : here.getParent();
    if (!Files.isDirectory(root.resolve("services"))) {
      throw new IllegalStateException("cannot find the repository root from " + here);
    }
    return root;
  }
}
