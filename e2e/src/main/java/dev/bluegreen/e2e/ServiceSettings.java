package dev.bluegreen.e2e;

import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.contracts.TopicReplication;
import dev.bluegreen.issuer.LocalIssuer;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.upgrade.core.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The settings the harness gives every service, as system properties: the same keys the local run
 * sets. The e2e tests and the bench both start services with these, so there is one list of them.
 */
public final class ServiceSettings {

  /**
   * How {@link #cloud} has the orchestrator retry a failed phase: after a second, not the
   * production 30 s. A replay of its audit log through decide needs the same policy, or a retry's
   * time diverges.
   */
  public static final RetryPolicy RETRIES =
      new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(4));

  private ServiceSettings() {}

  /**
   * What points the services at {@code broker}. Each call gives the orchestrator its own Kafka
   * Streams state folder under {@code stateRoot}, apart from any other run on this machine (a
   * restart within one platform reuses it, as a restarted pod would its volume).
   */
  public static Map<String, String> broker(KafkaBroker broker, Path stateRoot) {
    return broker(broker.bootstrapServers(), stateRoot);
  }

  /** As {@link #broker(KafkaBroker, Path)}, for the cluster at {@code bootstrapServers}. */
  public static Map<String, String> broker(String bootstrapServers, Path stateRoot) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("kafka.bootstrap.servers", bootstrapServers);
    p.put("quarkus.kafka-streams.bootstrap-servers", bootstrapServers);
    p.put(
        "kafka-streams.state.dir",
        stateRoot.resolve(UUID.randomUUID().toString()).toAbsolutePath().toString());
    return p;
  }

  /**
   * The replication the orchestrator gives Kafka Streams' internal topics: the same pair as the
   * cluster's catalog topics ({@link TopicReplication}), under the keys the local run and the
   * manifests set through {@code BLUEGREEN_KAFKA_REPLICATION_FACTOR} and {@code
   * BLUEGREEN_KAFKA_MIN_INSYNC_REPLICAS}.
   */
  public static Map<String, String> replication(TopicReplication replication) {
    return Map.of(
        "bluegreen.kafka.replication-factor", Short.toString(replication.replicationFactor()),
        "bluegreen.kafka.min-insync-replicas", Integer.toString(replication.minInsyncReplicas()));
  }

  /** What points the orchestrator at the OIDC issuer whose tokens it accepts. */
  public static Map<String, String> issuer(LocalIssuer issuer) {
    return Map.of("quarkus.oidc.auth-server-url", issuer.url());
  }

  /**
   * Who {@code service} is to the simulated cloud: its own access key id, which the simulator
   * records per call ({@code CloudSim.callers()}), so a test can hold each service to its IAM
   * policy in {@code deploy/iam/<service>.json}.
   */
  public static Map<String, String> caller(String service) {
    return Map.of("bluegreen.aws.simulator-access-key-id", service);
  }

  /** What points the services at the simulated cloud {@code sim} and shortens their polling. */
  public static Map<String, String> cloud(CloudSim sim) {
    String management = sim.kubernetesUrl(sim.managementCluster());
    Map<String, String> p = new LinkedHashMap<>();
    p.put("bluegreen.aws.endpoint-override", sim.endpoint().toString());
    p.put("quarkus.kubernetes-client.api-server-url", management);
    p.put("bluegreen.decommissioner.management-kubernetes-url", management);
    p.put("bluegreen.orchestrator.tick-interval", "PT1S");
    // Five JVMs and a broker share CI's two cores: give a decision more than the default 10 s.
    p.put("bluegreen.orchestrator.decision-timeout", "PT60S");
    // A retryable phase failure is retried after a second, not the production 30 s.
    p.put("bluegreen.orchestrator.retry.max-retries", String.valueOf(RETRIES.maxRetries()));
    p.put("bluegreen.orchestrator.retry.first-backoff", RETRIES.firstBackoff().toString());
    p.put("bluegreen.orchestrator.retry.max-backoff", RETRIES.maxBackoff().toString());
    p.put("bluegreen.provisioner.waits.initial-poll", "PT0.5S");
    p.put("bluegreen.provisioner.waits.max-poll", "PT2S");
    p.put("bluegreen.deployer.poll-interval", "PT0.5S");
    p.put("bluegreen.decommissioner.poll-interval", "PT0.5S");
    p.put("bluegreen.traffic-shifter.verification.settle-time", "PT1S");
    p.put("bluegreen.traffic-shifter.verification.read-interval", "PT0.2S");
    // Analyses in seconds, not minutes: 1-second CloudWatch periods (the simulator, like
    // CloudWatch's high-resolution periods, accepts them), read a second after a window ends,
    // three 2-second windows. Green gets ~10-25 requests a second at 50%, so 10 are enough to
    // judge.
    p.put("bluegreen.traffic-shifter.metrics.period", "PT1S");
    p.put("bluegreen.traffic-shifter.metrics.lag", "PT1S");
    p.put("bluegreen.traffic-shifter.analyses.default.interval", "PT2S");
    p.put("bluegreen.traffic-shifter.analyses.default.count", "3");
    p.put("bluegreen.traffic-shifter.analyses.default.min-requests", "10");
    return p;
  }
}
