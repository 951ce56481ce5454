package dev.bluegreen.cloudsim;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** The real clients, configured exactly as a service would be except for the endpoint. */
final class SimClients {
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  private SimClients() {}

  static EksClient eks(CloudSim sim) {
    return EksClient.builder()
        .endpointOverride(sim.eksEndpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static ElasticLoadBalancingV2Client elbv2(CloudSim sim) {
    return ElasticLoadBalancingV2Client.builder()
        .endpointOverride(sim.elbv2Endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static Ec2Client ec2(CloudSim sim) {
    return Ec2Client.builder()
        .endpointOverride(sim.ec2Endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static CloudWatchClient cloudWatch(CloudSim sim) {
    return CloudWatchClient.builder()
        .endpointOverride(sim.cloudWatchEndpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** Config.empty(): never read ~/.kube/config of the machine running the tests. */
  static KubernetesClient kubernetes(CloudSim sim, String cluster) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(sim.kubernetesUrl(cluster))
            .withNamespace("default")
            .withRequestRetryBackoffLimit(0)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
