package dev.bluegreen.decommissioner.cloud;

import dev.bluegreen.cloud.AwsConfig;
import dev.bluegreen.cloud.KubernetesClients;
import dev.bluegreen.decommissioner.config.DecommissionerConfig;
import dev.bluegreen.decommissioner.core.GuardObservation;
import dev.bluegreen.decommissioner.core.Observed;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.eks.EksClient;

/**
 * The Kubernetes APIs the decommissioner reads and writes: blue's (its CronJobs, read only) and the
 * management cluster's (Argo CD cluster secrets).
 */
@ApplicationScoped
public class KubernetesGateway {

  /** Label Argo CD puts on its cluster secrets. */
  public static final String ARGOCD_SECRET_TYPE_LABEL = "argocd.argoproj.io/secret-type";

  private final DecommissionerConfig config;
  private final KubernetesClients clients;
  private final KubernetesClient management;

  /** Over the service's EKS client (for DescribeCluster) and Quarkus's Vert.x. */
  @Inject
  public KubernetesGateway(DecommissionerConfig config, EksClient eks, AwsConfig aws, Vertx vertx) {
    this.config = config;
    // Blue's CronJobs are a guard's read, made again before the next step: fail fast.
    this.clients = new KubernetesClients(eks, aws, vertx, KubernetesClients.Patience.FAIL_FAST);
    this.management =
        clients.open(
            config
                .managementKubernetesUrl()
                .map(
                    url ->
                        new ConfigBuilder(Config.empty()) // never the machine's kubeconfig
                            .withMasterUrl(url)
                            .withRequestRetryBackoffLimit(2)
                            .withConnectionTimeout(10_000)
                            .withRequestTimeout(30_000)
                            .build())
                // In the management cluster: its service account (in-cluster config).
                .orElseGet(() -> Config.autoConfigure(null)));
  }

  @PreDestroy
  void close() {
    management.close();
    clients.close();
  }

  /**
   * Blue's Argo CD cluster secret: {@code data.name} or the cluster label names blue.
   *
   * <p>The label is asked for first (a selector: one secret comes back); only when no secret
   * carries it are all cluster secrets listed to match {@code data.name}. The estate is read after
   * every step, and listing every secret of the fleet each time made decommissioning quadratic in
   * the fleet: at 300 upgrades at once, a third of the decommissioner's threads were in this list.
   * Now the full list is read once per command (after the secret is deleted, to see it gone) or for
   * a secret registered without the label.
   */
  public Optional<Observed.ArgoClusterSecret> argoSecretOf(String cluster) {
    Optional<Observed.ArgoClusterSecret> labelled =
        argoSecrets(Map.of(config.clusterTagKey(), cluster)).stream()
            .filter(s -> cluster.equals(s.labels().get(config.clusterTagKey())))
            .findFirst();
    if (labelled.isPresent()) {
      return labelled;
    }
    return argoSecrets(Map.of()).stream()
        .filter(
            s ->
                cluster.equals(s.clusterName())
                    || cluster.equals(s.labels().get(config.clusterTagKey())))
        .findFirst();
  }

  private List<Observed.ArgoClusterSecret> argoSecrets(Map<String, String> moreLabels) {
    Map<String, String> labels = new java.util.LinkedHashMap<>(moreLabels);
    labels.put(ARGOCD_SECRET_TYPE_LABEL, "cluster");
    List<Secret> secrets =
        management
            .secrets()
            .inNamespace(config.argocdNamespace())
            .withLabels(labels)
            .list()
            .getItems();
    return secrets.stream().map(this::toArgoSecret).toList();
  }

  /** Deletes an Argo CD cluster secret; a missing one counts as deleted. */
  public void deleteArgoSecret(String namespace, String name) {
    try {
      management.secrets().inNamespace(namespace).withName(name).delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  /**
   * Blue's Kubernetes API for one command (close it when the command ends). Blue's endpoint and CA
   * do not change while blue exists, so the command builds its client once, and its IAM token is
   * reused until near expiry; building a client, a token and a DescribeCluster for every CronJob
   * read was a tenth of this service's CPU.
   */
  public BlueApi blueApi(String cluster) {
    return new BlueApi(cluster);
  }

  /** How many clients of blue clusters' APIs this instance has built (what a test counts). */
  public long blueClientsBuilt() {
    return clients.opened();
  }

  /** One command's client of blue's Kubernetes API, built at its first use. */
  public final class BlueApi implements AutoCloseable {
    private final String cluster;
    private KubernetesClients.Endpoint endpoint;
    private KubernetesClient client;

    private BlueApi(String cluster) {
      this.cluster = cluster;
    }

    /** Blue's CronJobs in every namespace, as its API at this endpoint answers (or why not). */
    public GuardObservation.CronJobs cronJobs(KubernetesClients.Endpoint at) {
      try {
        List<Observed.CronJob> cronJobs =
            clientAt(at).batch().v1().cronjobs().inAnyNamespace().list().getItems().stream()
                .map(
                    cj ->
                        new Observed.CronJob(
                            cj.getMetadata().getNamespace(),
                            cj.getMetadata().getName(),
                            Boolean.TRUE.equals(cj.getSpec().getSuspend())))
                .toList();
        return new GuardObservation.Listed(cronJobs);
      } catch (KubernetesClientException e) {
        return new GuardObservation.Unreachable(
            "Kubernetes API of " + cluster + " answered " + e.getCode() + ": " + e.getMessage());
      } catch (RuntimeException e) {
        return new GuardObservation.Unreachable(e.toString());
      }
    }

    private KubernetesClient clientAt(KubernetesClients.Endpoint at) {
      if (client == null || !at.equals(endpoint)) {
        // A different endpoint would be a different cluster of the same name: never reuse.
        close();
        client = clients.open(at);
        endpoint = at;
      }
      return client;
    }

    @Override
    public void close() {
      if (client != null) {
        client.close();
        client = null;
      }
    }
  }

  private Observed.ArgoClusterSecret toArgoSecret(Secret s) {
    Map<String, String> data = s.getData() == null ? Map.of() : s.getData();
    Map<String, String> labels =
        s.getMetadata().getLabels() == null ? Map.of() : s.getMetadata().getLabels();
    return new Observed.ArgoClusterSecret(
        s.getMetadata().getNamespace(),
        s.getMetadata().getName(),
        decode(data.get("name")),
        decode(data.get("server")),
        labels);
  }

  private static String decode(String base64) {
    return base64 == null
        ? null
        : new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
