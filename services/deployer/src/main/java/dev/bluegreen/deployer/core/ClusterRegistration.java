package dev.bluegreen.deployer.core;

import dev.bluegreen.contracts.naming.ClusterTags;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An Argo CD cluster secret as Argo CD expects it: in the Argo CD namespace, labelled {@code
 * argocd.argoproj.io/secret-type=cluster}, with {@code name}, {@code server} and {@code config}
 * data (plain strings here; the cloud adapter writes them as {@code stringData}).
 *
 * @param secretName the Secret's name
 * @param labels the Secret's labels
 * @param annotations the Secret's annotations
 * @param data the Secret's data, unencoded
 */
public record ClusterRegistration(
    String secretName,
    Map<String, String> labels,
    Map<String, String> annotations,
    Map<String, String> data) {

  /** The label Argo CD finds cluster secrets by. */
  public static final String SECRET_TYPE_LABEL = "argocd.argoproj.io/secret-type";

  /**
   * Which cluster a secret registers, so clean-up and look-ups need not decode data: the same key
   * as the AWS tag (one spelling of the platform's keys, {@link ClusterTags}).
   */
  public static final String CLUSTER_LABEL = ClusterTags.CLUSTER;

  /** The role of what the platform created: {@code green}. */
  public static final String ROLE_LABEL = ClusterTags.ROLE;

  /** The upgrade that created the registration. */
  public static final String UPGRADE_ANNOTATION = ClusterTags.UPGRADE_ID;

  /**
   * Labels that identify one cluster rather than its team or environment: never copied from blue,
   * or green's secret would claim to be blue (and ApplicationSets selecting blue by name would
   * generate a second copy of blue's apps pointed at green).
   */
  private static final Set<String> IDENTITY_LABELS =
      Set.of(
          CLUSTER_LABEL, ROLE_LABEL, "argocd.argoproj.io/instance", "app.kubernetes.io/instance");

  public ClusterRegistration {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    data = Map.copyOf(data);
  }

  /**
   * Green's registration: blue's labels (team, environment, whatever the ApplicationSets select on)
   * so every ApplicationSet that generates blue's apps generates green's too, minus blue's
   * identity, plus green's.
   *
   * @param blueLabels labels of blue's cluster secret
   * @param greenCluster green's cluster name (Argo CD's {@code name})
   * @param greenServer green's API server URL (Argo CD's {@code server})
   * @param config Argo CD's cluster {@code config} JSON (auth and TLS)
   * @param upgradeId the upgrade registering green
   */
  public static ClusterRegistration forGreen(
      Map<String, String> blueLabels,
      String greenCluster,
      String greenServer,
      String config,
      String upgradeId) {
    Map<String, String> labels = new LinkedHashMap<>();
    blueLabels.forEach(
        (k, v) -> {
          if (!IDENTITY_LABELS.contains(k)) {
            labels.put(k, v);
          }
        });
    labels.put(SECRET_TYPE_LABEL, "cluster");
    labels.put(CLUSTER_LABEL, greenCluster);
    labels.put(ROLE_LABEL, "green");
    Map<String, String> data = new LinkedHashMap<>();
    data.put("name", greenCluster);
    data.put("server", greenServer);
    data.put("config", config);
    return new ClusterRegistration(
        secretNameFor(greenCluster), labels, Map.of(UPGRADE_ANNOTATION, upgradeId), data);
  }

  /** The secret name the deployer gives a cluster's registration. */
  public static String secretNameFor(String cluster) {
    return "cluster-" + cluster;
  }

  /** Whether an existing secret already says what this registration says (no write needed). */
  public boolean isSatisfiedBy(
      Map<String, String> existingLabels, Map<String, String> existingData) {
    return existingLabels.entrySet().containsAll(labels.entrySet()) && existingData.equals(data);
  }
}
