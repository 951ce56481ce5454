package dev.bluegreen.cloudsim.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EKS add-ons: CreateAddon, DescribeAddon, ListAddons, DeleteAddon, DescribeAddonVersions and fleet
 * seeding. An ACTIVE add-on runs its pods in the cluster's Kubernetes API.
 */
public final class EksAddons {
  private final World world;
  private final EksControlPlane eks;

  EksAddons(World world, EksControlPlane eks) {
    this.world = world;
    this.eks = eks;
  }

  public Addon create(
      String clusterName,
      String addonName,
      String version,
      String serviceAccountRoleArn,
      String configurationValues,
      Map<String, String> tags,
      String token) {
    Cluster c = eks.clusters().describe(clusterName);
    Optional<Addon> replay =
        eks.replay(
            "CreateAddon",
            clusterName,
            clusterName + "/" + addonName,
            token,
            addonName,
            c.addons::get);
    if (replay.isPresent()) {
      return replay.get();
    }
    Catalog.AddonInfo info =
        world
            .catalog()
            .addon(addonName)
            .orElseThrow(
                () -> SimError.invalid("Addon " + addonName + " specified is not supported"));
    String chosen = version != null ? version : defaultVersion(info, c.version);
    boolean compatible =
        info.versions().stream()
            .anyMatch(
                v -> v.version().equals(chosen) && v.kubernetesVersions().contains(c.version));
    if (!compatible) {
      throw SimError.invalid(
          "Addon version " + chosen + " specified is not supported in " + c.version + " cluster");
    }
    if (c.addons.containsKey(addonName)) {
      throw SimError.inUse("Addon already exists.");
    }
    Addon a = newAddon(c, addonName, chosen, serviceAccountRoleArn, configurationValues, tags);
    a.status = Addon.Status.CREATING;
    world.scheduleUnlessStuck(
        world.lifecycles().addonCreate(),
        c.name + "/" + addonName,
        () -> {
          if (a.status == Addon.Status.CREATING) {
            a.status = Addon.Status.ACTIVE;
            world.kubeStore(c.name).putAddonPods(addonName);
          }
        });
    eks.remember("CreateAddon", clusterName, token, addonName);
    eks.record("CreateAddon", clusterName + "/" + addonName, token, "created", chosen);
    return a;
  }

  /** Adds an ACTIVE add-on directly (fleet seeding). */
  public Addon seed(String clusterName, String addonName, String version) {
    Cluster c = eks.clusters().describe(clusterName);
    String chosen =
        version != null
            ? version
            : world
                .catalog()
                .addon(addonName)
                .map(i -> defaultVersion(i, c.version))
                .orElse("v1.0.0-eksbuild.1");
    Addon a = newAddon(c, addonName, chosen, null, null, null);
    a.status = Addon.Status.ACTIVE;
    world.kubeStore(c.name).putAddonPods(addonName);
    return a;
  }

  private Addon newAddon(
      Cluster c,
      String addonName,
      String version,
      String role,
      String config,
      Map<String, String> tags) {
    Addon a = new Addon();
    a.name = addonName;
    a.clusterName = c.name;
    a.arn = eks.arn("addon/" + c.name + "/" + addonName + "/" + SimIds.uuid(c.name + addonName));
    a.version = version;
    a.createdAt = world.now();
    a.modifiedAt = a.createdAt;
    a.serviceAccountRoleArn = role;
    a.configurationValues = config;
    a.tags = new LinkedHashMap<>(tags == null ? Map.of() : tags);
    c.addons.put(addonName, a);
    return a;
  }

  /** The last default version of the add-on for this Kubernetes version, else its last one. */
  private static String defaultVersion(Catalog.AddonInfo info, String k8sVersion) {
    List<Catalog.AddonVersion> compatible =
        info.versions().stream().filter(v -> v.kubernetesVersions().contains(k8sVersion)).toList();
    return compatible.stream()
        .filter(Catalog.AddonVersion::isDefault)
        .reduce((a, b) -> b)
        .or(() -> compatible.stream().reduce((a, b) -> b))
        .map(Catalog.AddonVersion::version)
        .orElseThrow(
            () -> SimError.invalid("No version of " + info.name() + " supports " + k8sVersion));
  }

  public Addon describe(String clusterName, String addonName) {
    Addon a = eks.clusters().describe(clusterName).addons.get(addonName);
    if (a == null) {
      throw SimError.notFound("No addon: " + addonName + " found in cluster: " + clusterName);
    }
    return a;
  }

  public List<String> list(String clusterName) {
    return List.copyOf(eks.clusters().describe(clusterName).addons.keySet());
  }

  public Addon delete(String clusterName, String addonName) {
    Cluster c = eks.clusters().describe(clusterName);
    Addon a = describe(clusterName, addonName);
    if (a.status != Addon.Status.DELETING) {
      a.status = Addon.Status.DELETING;
      world.scheduleUnlessStuck(
          world.lifecycles().addonDelete(),
          c.name + "/" + addonName,
          () -> c.addons.remove(addonName));
    }
    eks.record("DeleteAddon", clusterName + "/" + addonName, null, "ok", null);
    return a;
  }

  /** Add-ons with their versions, optionally filtered by Kubernetes version and name. */
  public List<Catalog.AddonInfo> versions(String kubernetesVersion, String addonName) {
    List<Catalog.AddonInfo> out = new ArrayList<>();
    for (Catalog.AddonInfo info : world.catalog().addons()) {
      if (addonName != null && !addonName.equals(info.name())) {
        continue;
      }
      List<Catalog.AddonVersion> versions =
          info.versions().stream()
              .filter(
                  v ->
                      kubernetesVersion == null
                          || v.kubernetesVersions().contains(kubernetesVersion))
              .sorted(Comparator.comparing(Catalog.AddonVersion::version).reversed())
              .toList();
      out.add(new Catalog.AddonInfo(info.name(), info.type(), versions));
    }
    return out;
  }
}
