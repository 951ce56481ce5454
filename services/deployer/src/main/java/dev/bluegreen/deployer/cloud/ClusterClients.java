package dev.bluegreen.deployer.cloud;

import dev.bluegreen.cloud.AwsSettings;
import dev.bluegreen.cloud.EksTokens;
import dev.bluegreen.tracing.KubernetesCallSpans;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;

/**
 * Kubernetes clients for workload clusters (blue, green), built from what EKS {@code
 * DescribeCluster} reports: the API server endpoint and its CA. Against the simulator ({@code
 * bluegreen.aws.endpoint-override} set) no auth and any certificate; against AWS a bearer token
 * from {@link EksTokens}.
 *
 * <p>A client lives for one command ({@link #open}; the caller closes it). What is expensive about
 * a fabric8 client is shared by all of them instead: one {@link KubernetesSerialization} (a Jackson
 * mapper whose introspection caches grow to a megabyte or more per client as it meets model
 * classes) and one HTTP client factory on Quarkus's Vert.x. Clients used to be cached per cluster
 * for the life of the process, each with its own mapper: at 100 concurrent upgrades that filled a
 * 256 MiB heap (jmap: 355,000 Jackson {@code AnnotatedMethod}s) and the deployer spent its time in
 * full GCs until Kubernetes calls timed out. Per command, the number of clients is bounded by the
 * commands in flight, and a re-created cluster of the same name is always reached at its new
 * endpoint.
 */
@ApplicationScoped
public class ClusterClients {

  /** A cluster's API server as EKS reports it. */
  public record Endpoint(String cluster, String server, String caData) {}

  private final EksClient eks;
  private final AwsSettings aws;
  private final VertxHttpClientFactory httpClients;
  private final KubernetesSerialization serialization = new KubernetesSerialization();
  private final DefaultCredentialsProvider credentials =
      DefaultCredentialsProvider.builder().build();

  @Inject
  public ClusterClients(EksClient eks, AwsSettings aws, Vertx vertx) {
    this.eks = eks;
    this.aws = aws;
    // Quarkus's own Vert.x: a client per command then costs no event loop of its own.
    this.httpClients = new VertxHttpClientFactory(vertx);
  }

  /** The cluster's API server endpoint and CA, from EKS. */
  public Endpoint endpointOf(String cluster) {
    Cluster c = eks.describeCluster(r -> r.name(cluster)).cluster();
    String ca = c.certificateAuthority() == null ? null : c.certificateAuthority().data();
    return new Endpoint(cluster, c.endpoint(), ca);
  }

  /** A new client for the cluster's own API server; the caller closes it when its command ends. */
  public KubernetesClient open(String cluster) {
    return open(endpointOf(cluster));
  }

  /** A new client for an API server already described; the caller closes it. */
  public KubernetesClient open(Endpoint endpoint) {
    return build(endpoint);
  }

  /**
   * The Argo CD cluster {@code config} for a cluster: against AWS, Argo CD authenticates with its
   * own IAM role through {@code awsAuthConfig} and verifies the cluster CA; against the simulator,
   * nothing to verify.
   */
  public String argoCdConfig(Endpoint endpoint) {
    if (simulated() || endpoint.caData() == null) {
      return "{\"tlsClientConfig\":{\"insecure\":true}}";
    }
    return "{\"awsAuthConfig\":{\"clusterName\":\""
        + endpoint.cluster()
        + "\"},\"tlsClientConfig\":{\"insecure\":false,\"caData\":\""
        + endpoint.caData()
        + "\"}}";
  }

  private KubernetesClient build(Endpoint endpoint) {
    ConfigBuilder config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(endpoint.server())
            .withRequestRetryBackoffLimit(5)
            .withRequestRetryBackoffInterval(500);
    if (simulated()) {
      config.withTrustCerts(true);
    } else {
      // One token cache per cluster: the token names the cluster it is for.
      EksTokens t = new EksTokens(credentials, Region.of(aws.region()), Clock.systemUTC());
      config
          .withCaCertData(endpoint.caData())
          .withOauthTokenProvider(() -> t.tokenFor(endpoint.cluster()));
    }
    return KubernetesCallSpans.addTo(new KubernetesClientBuilder())
        .withHttpClientFactory(httpClients)
        .withKubernetesSerialization(serialization)
        .withConfig(config.build())
        .build();
  }

  private boolean simulated() {
    return aws.endpointOverride().isPresent();
  }

  @PreDestroy
  void close() {
    credentials.close();
  }
}
