package dev.bluegreen.deployer.cloud;

import dev.bluegreen.cloud.KubernetesClients;
import dev.bluegreen.tracing.KubernetesCallSpans;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The management cluster's client (Argo CD), built from the configuration Quarkus' Kubernetes
 * client extension reads ({@code quarkus.kubernetes-client.*}, its {@link Config} bean) by the one
 * client factory (libs/cloud's {@link KubernetesClients}), so it carries {@link
 * KubernetesCallSpans}: the extension's own client takes no interceptor, and without one the Argo
 * CD calls would be the only cloud calls of an upgrade missing from its trace. Replaces the
 * extension's default client bean.
 */
public class ManagementClusterClient {

  @Produces
  @Singleton
  KubernetesClient management(Config config, KubernetesClients clients) {
    return clients.open(config);
  }

  void close(@Disposes KubernetesClient client) {
    client.close();
  }
}
