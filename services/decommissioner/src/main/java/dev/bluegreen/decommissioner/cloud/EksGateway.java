package dev.bluegreen.decommissioner.cloud;

import dev.bluegreen.cloud.KubernetesClients;
import dev.bluegreen.decommissioner.core.Observed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/** EKS as the decommissioner sees it: describe blue's pieces, scale and delete them. */
@ApplicationScoped
public class EksGateway {

  private final EksClient eks;

  @Inject
  public EksGateway(EksClient eks) {
    this.eks = eks;
  }

  /** The cluster, or empty when EKS does not know it (deleted). */
  public Optional<Observed.Cluster> cluster(String name) {
    return describe(name).map(EksGateway::toCluster);
  }

  /**
   * The cluster and where its Kubernetes API is, from one DescribeCluster; empty when the cluster
   * is gone.
   */
  public Optional<Described> clusterAndApi(String name) {
    return describe(name)
        .map(
            c ->
                new Described(
                    toCluster(c),
                    KubernetesClients.Endpoint.of(c),
                    c.resourcesVpcConfig() == null
                        ? Optional.empty()
                        : Optional.ofNullable(c.resourcesVpcConfig().clusterSecurityGroupId())));
  }

  /**
   * A cluster as DescribeCluster returned it, with its API endpoint and its cluster security group.
   */
  public record Described(
      Observed.Cluster cluster,
      KubernetesClients.Endpoint api,
      Optional<String> clusterSecurityGroup) {}

  private static Observed.Cluster toCluster(Cluster c) {
    return new Observed.Cluster(c.name(), c.arn(), c.statusAsString(), c.tags());
  }

  /** The cluster's managed node groups ("already gone" ones are left out). */
  public List<Observed.Nodegroup> nodegroups(String cluster) {
    List<Observed.Nodegroup> out = new ArrayList<>();
    try {
      for (String name : eks.listNodegroupsPaginator(r -> r.clusterName(cluster)).nodegroups()) {
        try {
          Nodegroup n =
              eks.describeNodegroup(r -> r.clusterName(cluster).nodegroupName(name)).nodegroup();
          List<String> issues =
              n.health() == null
                  ? List.of()
                  : n.health().issues().stream()
                      .map(i -> i.codeAsString() + ": " + i.message())
                      .toList();
          out.add(
              new Observed.Nodegroup(
                  n.nodegroupName(),
                  n.nodegroupArn(),
                  n.clusterName(),
                  n.statusAsString(),
                  n.scalingConfig() == null ? 0 : n.scalingConfig().minSize(),
                  n.scalingConfig() == null ? 0 : n.scalingConfig().desiredSize(),
                  n.tags(),
                  issues));
        } catch (ResourceNotFoundException gone) {
          // Deleted between list and describe: already gone is done.
        }
      }
    } catch (ResourceNotFoundException clusterGone) {
      return List.of();
    }
    return out;
  }

  /** The cluster's add-ons ("already gone" ones are left out). */
  public List<Observed.Addon> addons(String cluster) {
    List<Observed.Addon> out = new ArrayList<>();
    try {
      for (String name : eks.listAddonsPaginator(r -> r.clusterName(cluster)).addons()) {
        try {
          var a = eks.describeAddon(r -> r.clusterName(cluster).addonName(name)).addon();
          out.add(
              new Observed.Addon(a.addonName(), a.addonArn(), a.clusterName(), a.statusAsString()));
        } catch (ResourceNotFoundException gone) {
          // Deleted between list and describe.
        }
      }
    } catch (ResourceNotFoundException clusterGone) {
      return List.of();
    }
    return out;
  }

  /**
   * Scales a node group to 0 (min and desired; max must stay at least 1). EKS drains the nodes,
   * respecting PodDisruptionBudgets. The request token makes a redelivered command's call a replay.
   */
  public void scaleToZero(String cluster, String nodegroup, String commandId) {
    eks.updateNodegroupConfig(
        r ->
            r.clusterName(cluster)
                .nodegroupName(nodegroup)
                .scalingConfig(s -> s.minSize(0).desiredSize(0))
                .clientRequestToken(token(commandId, "scale/" + cluster + "/" + nodegroup)));
  }

  /** Deletes a node group; a missing one counts as deleted. */
  public void deleteNodegroup(String cluster, String nodegroup) {
    try {
      eks.deleteNodegroup(r -> r.clusterName(cluster).nodegroupName(nodegroup));
    } catch (ResourceNotFoundException gone) {
      // already gone
    }
  }

  /** Deletes an add-on (and what it installed in the cluster); a missing one counts as deleted. */
  public void deleteAddon(String cluster, String addon) {
    try {
      eks.deleteAddon(r -> r.clusterName(cluster).addonName(addon).preserve(false));
    } catch (ResourceNotFoundException gone) {
      // already gone
    }
  }

  /** Deletes the cluster; a missing one counts as deleted. */
  public void deleteCluster(String cluster) {
    try {
      eks.deleteCluster(r -> r.name(cluster));
    } catch (ResourceNotFoundException gone) {
      // already gone
    }
  }

  private Optional<Cluster> describe(String name) {
    try {
      return Optional.of(eks.describeCluster(r -> r.name(name)).cluster());
    } catch (ResourceNotFoundException gone) {
      return Optional.empty();
    }
  }

  /** A request token derived from the command, so the same command always sends the same one. */
  static String token(String commandId, String what) {
    return UUID.nameUUIDFromBytes((commandId + "|" + what).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
