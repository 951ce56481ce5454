package dev.bluegreen.cloud;

import dev.bluegreen.tracing.KubernetesCallSpans;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/**
 * The one way the services get a Kubernetes client for an EKS cluster (blue, green): a fabric8
 * client on the API server endpoint and CA that EKS {@code DescribeCluster} reports, authenticated
 * with an {@link EksTokens} token against AWS; against the simulator ({@code
 * bluegreen.aws.endpoint-override} set) no auth and any certificate. Every client carries {@link
 * KubernetesCallSpans}.
 *
 * <p>A client is opened for one command, or one read, and closed by its caller. What is expensive
 * about a fabric8 client is shared by all of them instead: one {@link KubernetesSerialization} (a
 * Jackson mapper whose introspection caches grow to a megabyte or more per client as it meets model
 * classes; a mapper per client once filled the deployer's 256 MiB heap at 100 concurrent upgrades,
 * and was 4% of the provisioner's CPU at 300) and one HTTP client factory on Quarkus's Vert.x (a
 * Vert.x of its own costs about a second per client). Clients are not cached per cluster: a
 * re-created cluster of the same name is then always reached at its new endpoint.
 *
 * <p>A service makes one (a CDI producer next to its AWS clients) and closes it at shutdown.
 */
public final class KubernetesClients implements AutoCloseable {

  /** A cluster's Kubernetes API server as EKS reports it; {@code caData} may be null. */
  public record Endpoint(String cluster, String server, String caData) {

    /** The endpoint of a cluster as {@code DescribeCluster} returned it. */
    public static Endpoint of(Cluster described) {
      return new Endpoint(
          described.name(),
          described.endpoint(),
          described.certificateAuthority() == null
              ? null
              : described.certificateAuthority().data());
    }
  }

  /**
   * How long a client keeps at one request: fabric8's retries of a failed request (5xx, connection
   * errors; exponential from the interval) and its timeouts.
   */
  public record Patience(
      int requestRetries,
      Duration retryInterval,
      Duration connectTimeout,
      Duration requestTimeout) {

    /**
     * For reads the caller can make again (a guard's, an observation's): 2 retries from 1 s, 10 s
     * to connect, 30 s per request.
     */
    public static final Patience FAIL_FAST =
        new Patience(2, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(30));
  }

  private final EksClient eks;
  private final AwsConfig aws;
  private final Patience patience;
  private final VertxHttpClientFactory httpClients;
  private final KubernetesSerialization serialization = new KubernetesSerialization();
  private final DefaultCredentialsProvider credentials;
  private final AtomicLong opened = new AtomicLong();

  /**
   * @param eks the service's EKS client (libs/cloud configured), for {@code DescribeCluster}
   * @param vertx Quarkus's Vert.x, which every client's HTTP client runs on
   */
  public KubernetesClients(EksClient eks, AwsConfig aws, Vertx vertx, Patience patience) {
    this.eks = eks;
    this.aws = aws;
    this.patience = patience;
    this.httpClients = new VertxHttpClientFactory(vertx);
    this.credentials = simulated() ? null : DefaultCredentialsProvider.builder().build();
  }

  /** Whether the clusters are the simulator's (no auth, no certificate to verify). */
  public boolean simulated() {
    return aws.endpointOverride().isPresent();
  }

  /** The cluster's API server endpoint and CA ({@code DescribeCluster}); throws when it is gone. */
  public Endpoint endpointOf(String cluster) {
    return Endpoint.of(eks.describeCluster(r -> r.name(cluster)).cluster());
  }

  /** The cluster's API server endpoint and CA; empty when EKS knows no such cluster. */
  public Optional<Endpoint> endpoint(String cluster) {
    try {
      return Optional.of(endpointOf(cluster));
    } catch (ResourceNotFoundException gone) {
      return Optional.empty();
    }
  }

  /** A new client for the cluster's API server ({@code DescribeCluster} first); caller closes. */
  public KubernetesClient open(String cluster) {
    return open(endpointOf(cluster));
  }

  /** A new client for an API server already described; the caller closes it. */
  public KubernetesClient open(Endpoint endpoint) {
    opened.incrementAndGet();
    ConfigBuilder config =
        new ConfigBuilder(Config.empty()) // never the kubeconfig of the machine we run on
            .withMasterUrl(endpoint.server())
            .withRequestRetryBackoffLimit(patience.requestRetries())
            .withRequestRetryBackoffInterval((int) patience.retryInterval().toMillis())
            .withConnectionTimeout((int) patience.connectTimeout().toMillis())
            .withRequestTimeout((int) patience.requestTimeout().toMillis());
    if (simulated()) {
      config.withTrustCerts(true);
    } else {
      // A token cache per client: the token names the cluster it is for.
      EksTokens tokens = new EksTokens(credentials, Region.of(aws.region()), Clock.systemUTC());
      if (endpoint.caData() != null) {
        config.withCaCertData(endpoint.caData());
      }
      config.withOauthTokenProvider(() -> tokens.tokenFor(endpoint.cluster()));
    }
    return open(config.build());
  }

  /**
   * A new client for any other API server (e.g. the management cluster's, from its own
   * configuration), sharing this factory's HTTP client factory and mapper; the caller closes it.
   */
  public KubernetesClient open(Config config) {
    return KubernetesCallSpans.addTo(new KubernetesClientBuilder())
        .withHttpClientFactory(httpClients)
        .withKubernetesSerialization(serialization)
        .withConfig(config)
        .build();
  }

  /** How many clients for EKS clusters ({@link #open(Endpoint)}) this factory has opened. */
  public long opened() {
    return opened.get();
  }

  @Override
  public void close() {
    if (credentials != null) {
      credentials.close();
    }
  }
}
