package dev.bluegreen.decommissioner.cloud;

import dev.bluegreen.cloud.AwsSettings;
import dev.bluegreen.decommissioner.config.DecommissionerConfig;
import dev.bluegreen.decommissioner.core.GuardObservation;
import dev.bluegreen.decommissioner.core.Observed;
import dev.bluegreen.tracing.KubernetesCallSpans;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The Kubernetes APIs the decommissioner reads and writes: blue's (its CronJobs, read only) and the
 * management cluster's (Argo CD cluster secrets).
 */
@ApplicationScoped
public class KubernetesGateway {

  /** Label Argo CD puts on its cluster secrets. */
  public static final String ARGOCD_SECRET_TYPE_LABEL = "argocd.argoproj.io/secret-type";

  private final DecommissionerConfig config;
  private final AwsSettings aws;
  private final EksGateway eks;
  private final KubernetesClient management;
  // One HTTP client factory on Quarkus's Vert.x: a client per blue cluster is then cheap (a new
  // Vert.x instance per client costs about a second, and the guards build one per step).
  private final VertxHttpClientFactory httpClients;
  // One Jackson mapper for every client: a client of its own per guard check would introspect the
  // model classes afresh each time (at 100 concurrent decommissions, most of this service's CPU).
  private final KubernetesSerialization serialization = new KubernetesSerialization();
  private final DefaultCredentialsProvider credentials =
      DefaultCredentialsProvider.builder().build();
  private final AtomicLong blueClientsBuilt = new AtomicLong();

  @Inject
  public KubernetesGateway(
      DecommissionerConfig config, AwsSettings aws, EksGateway eks, Vertx vertx) {
    this.config = config;
    this.aws = aws;
    this.eks = eks;
    this.httpClients = new VertxHttpClientFactory(vertx);
    this.management =
        KubernetesCallSpans.addTo(new KubernetesClientBuilder())
            .withHttpClientFactory(httpClients)
            .withConfig(
                config
                    .managementKubernetesUrl()
                    .map(url -> base().withMasterUrl(url).build())
                    // In the management cluster: its service account (in-cluster config).
                    .orElseGet(() -> Config.autoConfigure(null)))
            .build();
  }

  @PreDestroy
  void close() {
    management.close();
    credentials.close();
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

  /** Blue's CronJobs in every namespace, as its API answers (or why it could not). */
  public GuardObservation.CronJobs cronJobsOf(String cluster) {
    Optional<EksGateway.ApiEndpoint> endpoint = eks.apiEndpoint(cluster);
    if (endpoint.isEmpty()) {
      return new GuardObservation.ClusterGone();
    }
    try (KubernetesClient blue = clientFor(cluster, endpoint.get())) {
      List<Observed.CronJob> cronJobs =
          blue.batch().v1().cronjobs().inAnyNamespace().list().getItems().stream()
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

  /** How many clients of blue clusters' APIs this instance has built (what a test counts). */
  public long blueClientsBuilt() {
    return blueClientsBuilt.get();
  }

  private KubernetesClient clientFor(String cluster, EksGateway.ApiEndpoint endpoint) {
    blueClientsBuilt.incrementAndGet();
    ConfigBuilder b = base().withMasterUrl(endpoint.url());
    if (aws.endpointOverride().isEmpty()) {
      // Real EKS: trust the cluster's own CA and authenticate with an IAM token, fresh per
      // request (tokens live 60 s). The simulator serves plain HTTP and needs neither.
      if (endpoint.certificateAuthorityData() != null) {
        b.withCaCertData(endpoint.certificateAuthorityData());
      }
      b.withOauthTokenProvider(
          () ->
              EksToken.generate(
                  cluster, aws.region(), credentials.resolveCredentials(), Clock.systemUTC()));
    }
    return KubernetesCallSpans.addTo(new KubernetesClientBuilder())
        .withHttpClientFactory(httpClients)
        .withKubernetesSerialization(serialization)
        .withConfig(b.build())
        .build();
  }

  /** Never read the kubeconfig of the machine we run on; fail fast rather than retry for long. */
  private static ConfigBuilder base() {
    return new ConfigBuilder(Config.empty())
        .withRequestRetryBackoffLimit(2)
        .withConnectionTimeout(10_000)
        .withRequestTimeout(30_000);
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
