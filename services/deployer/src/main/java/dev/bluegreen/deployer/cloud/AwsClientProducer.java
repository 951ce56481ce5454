package dev.bluegreen.deployer.cloud;

import dev.bluegreen.cloud.AwsClients;
import dev.bluegreen.cloud.AwsConfig;
import dev.bluegreen.cloud.KubernetesClients;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** The AWS clients the deployer uses, configured the one shared way, and its Kubernetes clients. */
@ApplicationScoped
public class AwsClientProducer {

  @Produces
  @ApplicationScoped
  EksClient eks(AwsConfig settings) {
    return AwsClients.configure(EksClient.builder(), settings).build();
  }

  @Produces
  @ApplicationScoped
  ElasticLoadBalancingV2Client elbv2(AwsConfig settings) {
    return AwsClients.configure(ElasticLoadBalancingV2Client.builder(), settings).build();
  }

  /**
   * Clients for blue's and green's Kubernetes APIs. Patient: the deployer waits on what it reads,
   * so a request is retried 5 times from 0.5 s (fabric8's default timeouts of 10 s).
   */
  @Produces
  @Singleton
  KubernetesClients kubernetes(EksClient eks, AwsConfig settings, Vertx vertx) {
    return new KubernetesClients(
        eks,
        settings,
        vertx,
        new KubernetesClients.Patience(
            5, Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(10)));
  }

  void close(@Disposes KubernetesClients clients) {
    clients.close();
  }

  /**
   * Closes each SDK client above at shutdown: a disposer binds to every producer of this bean whose
   * type it is assignable from, so one serves them all.
   */
  void close(@Disposes SdkClient client) {
    client.close();
  }
}
