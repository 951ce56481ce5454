package dev.bluegreen.orchestrator.health;

import dev.bluegreen.orchestrator.messaging.KafkaClientSecurity;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The orchestrator is ready only when it can decide: its Kafka Streams app is RUNNING (not CREATED,
 * REBALANCING or in error: the API's reads and decisions need the stores and the processor), and
 * the broker answers (Streams stays RUNNING for a while after the broker is gone, while the API's
 * requests could no longer be published).
 */
@Readiness
@ApplicationScoped
public class StreamsReadiness implements HealthCheck {

  private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(2);

  private final KafkaStreams streams;
  private final String bootstrapServers;
  private Admin admin;

  public StreamsReadiness(
      KafkaStreams streams,
      @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
          String bootstrapServers) {
    this.streams = streams;
    this.bootstrapServers = bootstrapServers;
  }

  @Override
  public HealthCheckResponse call() {
    KafkaStreams.State state = streams.state();
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("orchestrator-streams").withData("state", state.name());
    if (state != KafkaStreams.State.RUNNING) {
      return response.down().build();
    }
    String brokerProblem = brokerProblem();
    if (brokerProblem != null) {
      return response.down().withData("broker", brokerProblem).build();
    }
    return response.up().withData("broker", "reachable").build();
  }

  /** Null when the broker answers within the timeout, else why not. */
  private synchronized String brokerProblem() {
    try {
      admin()
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) BROKER_TIMEOUT.toMillis()))
          .clusterId()
          .get(BROKER_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (Exception e) {
      return e.getClass().getSimpleName();
    }
  }

  private Admin admin() {
    if (admin == null) {
      Properties props = new Properties();
      props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      props.putAll(KafkaClientSecurity.settings());
      props.put(AdminClientConfig.CLIENT_ID_CONFIG, "orchestrator-readiness");
      props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis());
      props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis());
      admin = Admin.create(props);
    }
    return admin;
  }

  @PreDestroy
  synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
    }
  }
}
