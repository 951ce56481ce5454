package dev.bluegreen.deployer.command;

import dev.bluegreen.cloud.KubernetesClients;
import dev.bluegreen.deployer.cloud.ClusterObjects;
import dev.bluegreen.deployer.core.HandoverPlan;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Blue's and green's Kubernetes APIs for one command (the deploy and the handover read and change
 * CronJobs on both): the one way those commands reach and read blue beside green. Both clients are
 * opened from EKS's endpoints (libs/cloud's {@link KubernetesClients}) and closed with it.
 */
final class BlueAndGreen implements AutoCloseable {

  final KubernetesClients.Endpoint blueEndpoint;
  final KubernetesClients.Endpoint greenEndpoint;
  final ClusterObjects blue;
  final ClusterObjects green;
  private final KubernetesClient blueClient;
  private final KubernetesClient greenClient;

  private BlueAndGreen(
      KubernetesClients.Endpoint blueEndpoint,
      KubernetesClients.Endpoint greenEndpoint,
      KubernetesClient blueClient,
      KubernetesClient greenClient) {
    this.blueEndpoint = blueEndpoint;
    this.greenEndpoint = greenEndpoint;
    this.blueClient = blueClient;
    this.greenClient = greenClient;
    this.blue = new ClusterObjects(blueClient);
    this.green = new ClusterObjects(greenClient);
  }

  /** Describes both clusters and opens a client for each; close it when the command ends. */
  static BlueAndGreen open(KubernetesClients clusters, String blue, String green) {
    KubernetesClients.Endpoint b = clusters.endpointOf(blue);
    KubernetesClients.Endpoint g = clusters.endpointOf(green);
    KubernetesClient blueClient = clusters.open(b);
    try {
      return new BlueAndGreen(b, g, blueClient, clusters.open(g));
    } catch (RuntimeException e) {
      blueClient.close();
      throw e;
    }
  }

  /**
   * Records on each of blue's CronJobs not recorded yet whether its owners had suspended it: before
   * anything moves (the deploy), and for CronJobs added to blue since (the handover, while blue
   * still owns the work).
   */
  void recordBlueCronJobs() {
    HandoverPlan.unrecorded(blue.cronJobs()).forEach(blue::recordSuspendedBeforeUpgrade);
  }

  @Override
  public void close() {
    try {
      greenClient.close();
    } finally {
      blueClient.close();
    }
  }
}
