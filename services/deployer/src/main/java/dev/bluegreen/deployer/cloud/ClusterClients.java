package dev.bluegreen.deployer.cloud;

import dev.bluegreen.cloud.AwsSettings;
import dev.bluegreen.cloud.EksTokens;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;

/**
 * A Kubernetes client per workload cluster (blue, green), built from what EKS {@code
 * DescribeCluster} reports: the API server endpoint and its CA. Against the simulator ({@code
 * bluegreen.aws.endpoint-override} set) no auth and any certificate; against AWS a bearer token
 * from {@link EksTokens}. Clients are cached per cluster and endpoint (a re-created cluster of the
 * same name gets a new endpoint, hence a new client).
 */
@ApplicationScoped
public class ClusterClients {

  /** A cluster's API server as EKS reports it. */
  public record Endpoint(String cluster, String server, String caData) {}

  @Inject EksClient eks;
  @Inject AwsSettings aws;

  private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();
  private final DefaultCredentialsProvider credentials =
      DefaultCredentialsProvider.builder().build();

  /** The cluster's API server endpoint and CA, from EKS. */
  public Endpoint endpointOf(String cluster) {
    Cluster c = eks.describeCluster(r -> r.name(cluster)).cluster();
    String ca = c.certificateAuthority() == null ? null : c.certificateAuthority().data();
    return new Endpoint(cluster, c.endpoint(), ca);
  }

  /** A client for the cluster's own API server. */
  public KubernetesClient clientFor(String cluster) {
    Endpoint endpoint = endpointOf(cluster);
    return clients.computeIfAbsent(cluster + "@" + endpoint.server(), k -> build(endpoint));
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
    return new KubernetesClientBuilder().withConfig(config.build()).build();
  }

  private boolean simulated() {
    return aws.endpointOverride().isPresent();
  }

  @PreDestroy
  void close() {
    clients.values().forEach(KubernetesClient::close);
  }
}
