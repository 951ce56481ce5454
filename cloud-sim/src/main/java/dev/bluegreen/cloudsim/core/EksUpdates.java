package dev.bluegreen.cloudsim.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** EKS updates: UpdateNodegroupConfig (an asynchronous ConfigUpdate) and DescribeUpdate. */
public final class EksUpdates {
  private final World world;
  private final EksControlPlane eks;

  /** What UpdateNodegroupConfig asks for; null fields are left unchanged. */
  public record NodegroupConfigChange(
      Integer minSize,
      Integer maxSize,
      Integer desiredSize,
      Map<String, String> addOrUpdateLabels,
      List<String> removeLabels,
      List<NodeGroup.Taint> addOrUpdateTaints,
      List<NodeGroup.Taint> removeTaints,
      UpdateConfig updateConfig) {}

  EksUpdates(World world, EksControlPlane eks) {
    this.world = world;
    this.eks = eks;
  }

  public Update updateNodegroupConfig(
      String clusterName, String name, NodegroupConfigChange change, String token) {
    NodeGroup ng = eks.nodegroups().describe(clusterName, name);
    Cluster c = eks.clusters().describe(clusterName);
    String resource = clusterName + "/" + name;
    Optional<Update> replay =
        eks.replay("UpdateNodegroupConfig", resource, resource, token, null, c.updates::get);
    if (replay.isPresent()) {
      return replay.get();
    }
    if (ng.status != NodeGroup.Status.ACTIVE) {
      throw SimError.inUse("Nodegroup " + name + " is not ACTIVE (" + ng.status + ")");
    }
    int min = change.minSize() != null ? change.minSize() : ng.minSize;
    int max = change.maxSize() != null ? change.maxSize() : ng.maxSize;
    int desired = change.desiredSize() != null ? change.desiredSize() : ng.desiredSize;
    if (min > desired || desired > max || max < 1) {
      throw SimError.invalid("scalingConfig requires minSize <= desiredSize <= maxSize");
    }
    if (change.updateConfig() != null) {
      change.updateConfig().validate();
    }
    Update u = new Update();
    u.id = SimIds.uuid(clusterName + name + world.now() + c.updates.size());
    u.type = "ConfigUpdate";
    u.status = "InProgress";
    u.createdAt = world.now();
    u.nodegroupName = name;
    if (change.desiredSize() != null) {
      u.params.put("DesiredSize", String.valueOf(desired));
    }
    if (change.minSize() != null) {
      u.params.put("MinSize", String.valueOf(min));
    }
    if (change.maxSize() != null) {
      u.params.put("MaxSize", String.valueOf(max));
    }
    if (change.updateConfig() != null) {
      change.updateConfig().addParams(u.params);
    }
    c.updates.put(u.id, u);
    ng.status = NodeGroup.Status.UPDATING;
    world.scheduleUnlessStuck(
        world.lifecycles().nodegroupUpdate(),
        c.name + "/" + ng.name,
        () -> {
          int extra = (desired - ng.desiredSize) * SubnetIps.IPS_PER_NODE;
          if (extra > 0) {
            eks.subnets().reserve(ng, extra);
          }
          ng.minSize = min;
          ng.maxSize = max;
          ng.desiredSize = desired;
          apply(change, ng);
          ng.modifiedAt = world.now();
          ng.status = NodeGroup.Status.ACTIVE;
          u.status = "Successful";
          eks.nodegroups().materialiseNodes(c, ng);
        });
    eks.remember("UpdateNodegroupConfig", resource, token, u.id);
    eks.record("UpdateNodegroupConfig", resource, token, "ok", u.params.toString());
    return u;
  }

  /** The labels, taints and updateConfig a change sets or removes. */
  private static void apply(NodegroupConfigChange change, NodeGroup ng) {
    if (change.addOrUpdateLabels() != null) {
      ng.labels.putAll(change.addOrUpdateLabels());
    }
    if (change.removeLabels() != null) {
      change.removeLabels().forEach(ng.labels::remove);
    }
    if (change.removeTaints() != null) {
      change.removeTaints().forEach(t -> ng.taints.removeIf(x -> x.key().equals(t.key())));
    }
    if (change.addOrUpdateTaints() != null) {
      for (NodeGroup.Taint t : change.addOrUpdateTaints()) {
        ng.taints.removeIf(x -> x.key().equals(t.key()));
        ng.taints.add(t);
      }
    }
    if (change.updateConfig() != null) {
      change.updateConfig().applyTo(ng);
    }
  }

  public Update describe(String clusterName, String updateId) {
    Update u = eks.clusters().describe(clusterName).updates.get(updateId);
    if (u == null) {
      throw SimError.notFound("No update found for ID: " + updateId);
    }
    return u;
  }
}
