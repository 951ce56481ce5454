package dev.bluegreen.deployer.cloud;

import dev.bluegreen.cloud.KubernetesClients;
import dev.bluegreen.cloud.SharedSnapshot;
import dev.bluegreen.deployer.config.DeployerConfig;
import dev.bluegreen.deployer.core.AppStatus;
import dev.bluegreen.deployer.core.ClusterRegistration;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Argo CD's objects on the management cluster: cluster secrets (registrations) and the Applications
 * its ApplicationSets generate. Reached through the Quarkus-managed client ({@code
 * quarkus.kubernetes-client.api-server-url}).
 */
@ApplicationScoped
public class ArgoCd {

  /**
   * An Application and where it deploys to.
   *
   * @param status what Argo CD reports
   * @param server destination server URL, may be null
   * @param clusterName destination cluster name, may be null
   */
  public record Application(AppStatus status, String server, String clusterName) {
    boolean targets(String cluster, String serverUrl) {
      return Objects.equals(cluster, clusterName) || sameServer(serverUrl, server);
    }
  }

  @Inject KubernetesClient management;
  @Inject DeployerConfig settings;

  private SharedSnapshot<List<Application>> allApplications;

  @PostConstruct
  void init() {
    // As fresh as one waiter's own poll would be: no waiter sees Argo CD later than before.
    allApplications =
        new SharedSnapshot<>(this::applications, settings.pollInterval(), Clock.systemUTC());
  }

  /**
   * The Argo CD cluster {@code config} for a cluster: against AWS, Argo CD authenticates with its
   * own IAM role through {@code awsAuthConfig} and verifies the cluster CA; against the simulator,
   * nothing to verify.
   */
  public String clusterConfig(KubernetesClients.Endpoint endpoint, boolean simulated) {
    if (simulated || endpoint.caData() == null) {
      return "{\"tlsClientConfig\":{\"insecure\":true}}";
    }
    return "{\"awsAuthConfig\":{\"clusterName\":\""
        + endpoint.cluster()
        + "\"},\"tlsClientConfig\":{\"insecure\":false,\"caData\":\""
        + endpoint.caData()
        + "\"}}";
  }

  /** The secret registering {@code cluster} (its {@code name} names it), if it is registered. */
  public Optional<Secret> registrationOf(String cluster) {
    return registrations(cluster).stream().findFirst();
  }

  /** Creates the registration, or brings an existing one in line with it. Idempotent. */
  public void register(ClusterRegistration registration) {
    String ns = settings.argocdNamespace();
    Map<String, String> data = new LinkedHashMap<>();
    registration.data().forEach((k, v) -> data.put(k, encode(v)));
    Secret existing =
        management.secrets().inNamespace(ns).withName(registration.secretName()).get();
    if (existing == null) {
      management
          .secrets()
          .inNamespace(ns)
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName(registration.secretName())
                  .withNamespace(ns)
                  .withLabels(registration.labels())
                  .withAnnotations(registration.annotations())
                  .endMetadata()
                  .withType("Opaque")
                  .withData(data)
                  .build())
          .create();
      return;
    }
    Map<String, String> labels =
        existing.getMetadata().getLabels() == null ? Map.of() : existing.getMetadata().getLabels();
    if (registration.isSatisfiedBy(labels, decoded(existing))) {
      return;
    }
    management
        .secrets()
        .inNamespace(ns)
        .withName(registration.secretName())
        .edit(
            s -> {
              s.getMetadata().getLabels().putAll(registration.labels());
              s.setData(data);
              return s;
            });
  }

  /**
   * Deletes every secret registering {@code cluster} that {@link #registrations} finds (the
   * deployer's own name and any other that claims the cluster). Returns how many there were;
   * deleting what is gone is fine.
   */
  public int deregister(String cluster) {
    List<Secret> registrations = registrations(cluster);
    for (Secret s : registrations) {
      management
          .secrets()
          .inNamespace(s.getMetadata().getNamespace())
          .withName(s.getMetadata().getName())
          .delete();
    }
    return registrations.size();
  }

  /** Every Application in Argo CD's namespace with its status and destination. */
  public List<Application> applications() {
    return management
        .genericKubernetesResources("argoproj.io/v1alpha1", "Application")
        .inNamespace(settings.argocdNamespace())
        .list()
        .getItems()
        .stream()
        .map(ArgoCd::application)
        .toList();
  }

  /**
   * The Applications deploying to a cluster, by its name or API server URL, from a list of every
   * Application taken at or after {@code since} and at most one poll interval old: concurrent waits
   * share one list (see {@link SharedSnapshot}).
   */
  public List<AppStatus> applicationsTargeting(String cluster, String server, Instant since) {
    return allApplications.get(since).stream()
        .filter(a -> a.targets(cluster, server))
        .map(Application::status)
        .toList();
  }

  /**
   * The cluster secrets whose {@code name} names {@code cluster}, asked by the cluster label
   * ({@code bluegreen.dev/cluster}) first, as the decommissioner finds blue's: a selector, so the
   * one secret comes back. Only when no secret carrying the label names the cluster are all cluster
   * secrets listed, for a registration made without the label (by hand, or before the label).
   *
   * <p>Why: every deploy looks up blue's registration, and listing every cluster secret of the
   * fleet for it made the deploys of a fleet quadratic (at 1,000 upgrades at once, 3,003 or more
   * secrets per lookup). What a secret must say to count is unchanged ({@code name}); what changes
   * is that a secret without the label that names a cluster next to one with it is no longer seen.
   */
  private List<Secret> registrations(String cluster) {
    List<Secret> labelled =
        clusterSecrets(Map.of(ClusterRegistration.CLUSTER_LABEL, cluster)).stream()
            .filter(s -> names(s, cluster))
            .toList();
    if (!labelled.isEmpty()) {
      return labelled;
    }
    return clusterSecrets(Map.of()).stream().filter(s -> names(s, cluster)).toList();
  }

  private static boolean names(Secret s, String cluster) {
    return cluster.equals(decoded(s).get("name"));
  }

  private List<Secret> clusterSecrets(Map<String, String> moreLabels) {
    Map<String, String> labels = new LinkedHashMap<>(moreLabels);
    labels.put(ClusterRegistration.SECRET_TYPE_LABEL, "cluster");
    return management
        .secrets()
        .inNamespace(settings.argocdNamespace())
        .withLabels(labels)
        .list()
        .getItems();
  }

  private static Application application(GenericKubernetesResource r) {
    String sync = r.get("status", "sync", "status");
    String health = r.get("status", "health", "status");
    String message = r.get("status", "health", "message");
    if (message == null) {
      message = r.get("status", "operationState", "message");
    }
    AppStatus status =
        new AppStatus(
            r.getMetadata().getName(),
            sync == null ? "Unknown" : sync,
            health == null ? "Unknown" : health,
            message);
    return new Application(
        status, r.get("spec", "destination", "server"), r.get("spec", "destination", "name"));
  }

  /** The secret's data decoded (Argo CD reads {@code name}, {@code server}, {@code config}). */
  static Map<String, String> decoded(Secret s) {
    Map<String, String> out = new LinkedHashMap<>();
    if (s.getData() != null) {
      s.getData().forEach((k, v) -> out.put(k, decode(v)));
    }
    if (s.getStringData() != null) {
      out.putAll(s.getStringData());
    }
    return out;
  }

  private static boolean sameServer(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return stripSlash(a).equals(stripSlash(b));
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static String encode(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String s) {
    try {
      return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
