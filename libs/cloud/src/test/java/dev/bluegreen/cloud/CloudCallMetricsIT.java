package dev.bluegreen.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.CloudSimConfig;
import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.cloudsim.core.Fleet;
import dev.bluegreen.testkit.MetricCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.EksClient;

/**
 * A client built by {@link AwsClients#configure} counts its calls and the SDK's retries, through
 * the real SDK against the simulator throttling it.
 */
class CloudCallMetricsIT {

  private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();
  private static CloudSim sim;

  @BeforeAll
  static void start() {
    // Quarkus puts its Prometheus registry into the global one; a test puts a simple registry.
    Metrics.addRegistry(REGISTRY);
    sim = CloudSim.start(CloudSimConfig.defaults().withFleet(Fleet.demo()));
  }

  @AfterAll
  static void stop() {
    sim.close();
    Metrics.removeRegistry(REGISTRY);
  }

  @Test
  void throttledCall_countsEachRetryByOperationAndErrorType_andTheCallOnce() {
    double retriesBefore = retries("DescribeCluster", "Throttling", "429");
    double callsBefore = calls("DescribeCluster", "success");
    sim.faults().add(Fault.throttle("eks", "DescribeCluster", 2));
    try (EksClient eks =
        AwsClients.configure(
                EksClient.builder(),
                "us-east-1",
                Optional.of(sim.eksEndpoint()),
                Duration.ofSeconds(30),
                5)
            .build()) {
      eks.describeCluster(b -> b.name("search-002"));
    }

    assertEquals(retriesBefore + 2, retries("DescribeCluster", "Throttling", "429"));
    assertEquals(callsBefore + 1, calls("DescribeCluster", "success"));
  }

  @Test
  void callWithoutFaults_countsNoRetry() {
    double callsBefore = calls("DescribeAddonVersions", "success");
    try (EksClient eks =
        AwsClients.configure(
                EksClient.builder(),
                "us-east-1",
                Optional.of(sim.eksEndpoint()),
                Duration.ofSeconds(30),
                5)
            .build()) {
      eks.describeAddonVersions(b -> b.kubernetesVersion("1.33"));
    }

    assertEquals(callsBefore + 1, calls("DescribeAddonVersions", "success"));
    assertEquals(
        0,
        REGISTRY
            .find(CloudCallMetrics.RETRIES)
            .tag("operation", "DescribeAddonVersions")
            .meters()
            .size());
  }

  @Test
  void everyMeter_isCataloguedWithExactlyItsLabels() {
    sim.faults().add(Fault.throttle("eks", "ListClusters", 1));
    try (EksClient eks =
        AwsClients.configure(
                EksClient.builder(),
                "us-east-1",
                Optional.of(sim.eksEndpoint()),
                Duration.ofSeconds(30),
                5)
            .build()) {
      eks.listClusters();
    }
    MetricCatalog catalog = MetricCatalog.load();
    REGISTRY.getMeters().stream()
        .filter(m -> m.getId().getName().startsWith("bluegreen_"))
        .forEach(
            m -> {
              Set<String> tags = new HashSet<>();
              m.getId().getTags().forEach(t -> tags.add(t.getKey()));
              // Prometheus adds _total to a counter's name.
              assertEquals(catalog.labelsOf(m.getId().getName() + "_total"), tags);
            });
  }

  private static double retries(String operation, String errorType, String status) {
    Counter c =
        REGISTRY
            .find(CloudCallMetrics.RETRIES)
            .tags(
                "service",
                "EKS",
                "operation",
                operation,
                "error_type",
                errorType,
                "http_status",
                status)
            .counter();
    return c == null ? 0 : c.count();
  }

  private static double calls(String operation, String outcome) {
    Counter c =
        REGISTRY
            .find(CloudCallMetrics.CALLS)
            .tags("service", "EKS", "operation", operation, "outcome", outcome)
            .counter();
    return c == null ? 0 : c.count();
  }
}
