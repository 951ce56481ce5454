package dev.bluegreen.cloudsim.core;

import java.util.List;
import java.util.Optional;

/**
 * A Kubernetes resource type the simulated API servers know.
 *
 * @param group API group, "" for the core group
 * @param version API version, e.g. v1
 * @param plural the URL segment, e.g. cronjobs
 * @param kind the object kind, e.g. CronJob
 * @param namespaced whether objects live in a namespace
 */
public record KubeResourceType(
    String group, String version, String plural, String kind, boolean namespaced) {

  public static final KubeResourceType NAMESPACES = core("namespaces", "Namespace", false);
  public static final KubeResourceType NODES = core("nodes", "Node", false);
  public static final KubeResourceType SECRETS = core("secrets", "Secret", true);
  public static final KubeResourceType CONFIG_MAPS = core("configmaps", "ConfigMap", true);
  public static final KubeResourceType PODS = core("pods", "Pod", true);
  public static final KubeResourceType DEPLOYMENTS =
      new KubeResourceType("apps", "v1", "deployments", "Deployment", true);
  public static final KubeResourceType SERVICES = core("services", "Service", true);
  public static final KubeResourceType JOBS =
      new KubeResourceType("batch", "v1", "jobs", "Job", true);
  public static final KubeResourceType CRONJOBS =
      new KubeResourceType("batch", "v1", "cronjobs", "CronJob", true);
  public static final KubeResourceType APPLICATIONS =
      new KubeResourceType("argoproj.io", "v1alpha1", "applications", "Application", true);
  public static final KubeResourceType APPLICATION_SETS =
      new KubeResourceType("argoproj.io", "v1alpha1", "applicationsets", "ApplicationSet", true);

  /** Every type the simulator serves. */
  public static final List<KubeResourceType> ALL =
      List.of(
          NAMESPACES,
          NODES,
          SECRETS,
          CONFIG_MAPS,
          PODS,
          SERVICES,
          core("serviceaccounts", "ServiceAccount", true),
          core("events", "Event", true),
          DEPLOYMENTS,
          new KubeResourceType("apps", "v1", "statefulsets", "StatefulSet", true),
          new KubeResourceType("apps", "v1", "daemonsets", "DaemonSet", true),
          CRONJOBS,
          JOBS,
          APPLICATIONS,
          APPLICATION_SETS,
          new KubeResourceType("argoproj.io", "v1alpha1", "appprojects", "AppProject", true));

  private static KubeResourceType core(String plural, String kind, boolean namespaced) {
    return new KubeResourceType("", "v1", plural, kind, namespaced);
  }

  public static Optional<KubeResourceType> find(String group, String version, String plural) {
    return ALL.stream()
        .filter(t -> t.group.equals(group) && t.version.equals(version) && t.plural.equals(plural))
        .findFirst();
  }

  /** apiVersion as written in objects: "v1" or "group/version". */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }
}
