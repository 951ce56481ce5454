package dev.bluegreen.deployer.cloud;

import dev.bluegreen.tracing.KubernetesCallSpans;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The management cluster's client (Argo CD), built from the configuration Quarkus' Kubernetes
 * client extension reads ({@code quarkus.kubernetes-client.*}, its {@link Config} bean) exactly as
 * the extension would, plus {@link KubernetesCallSpans}: the extension's own client takes no
 * interceptor, and without one the Argo CD calls would be the only cloud calls of an upgrade
 * missing from its trace. Replaces the extension's default client bean.
 */
public class ManagementClusterClient {

  @Produces
  @Singleton
  KubernetesClient management(Config config, Vertx vertx) {
    return KubernetesCallSpans.addTo(new KubernetesClientBuilder())
        .withHttpClientFactory(new VertxHttpClientFactory(vertx))
        .withConfig(config)
        .build();
  }

  void close(@Disposes KubernetesClient client) {
    client.close();
  }
}
