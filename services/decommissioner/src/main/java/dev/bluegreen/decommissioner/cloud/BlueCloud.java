package dev.bluegreen.decommissioner.cloud;

import dev.bluegreen.decommissioner.core.Blue;
import dev.bluegreen.decommissioner.core.BlueEstate;
import dev.bluegreen.decommissioner.core.GuardObservation;
import dev.bluegreen.decommissioner.core.Observed;
import dev.bluegreen.decommissioner.core.Step;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads blue's estate and the guards' inputs from the cloud, and carries out one destructive step.
 * Every read is fresh: nothing is remembered between calls.
 */
@ApplicationScoped
public class BlueCloud {

  private final EksGateway eks;
  private final LoadBalancerGateway elb;
  private final KubernetesGateway kubernetes;

  @Inject
  public BlueCloud(EksGateway eks, LoadBalancerGateway elb, KubernetesGateway kubernetes) {
    this.eks = eks;
    this.elb = elb;
    this.kubernetes = kubernetes;
  }

  /** What exists of blue now. */
  public BlueEstate estate(Blue blue) {
    Optional<Observed.Cluster> cluster = eks.cluster(blue.cluster());
    List<Observed.Nodegroup> nodegroups =
        cluster.isPresent() ? eks.nodegroups(blue.cluster()) : List.of();
    List<Observed.Addon> addons = cluster.isPresent() ? eks.addons(blue.cluster()) : List.of();
    Optional<Observed.TargetGroup> tg = elb.targetGroupNamed(blue.targetGroupName());
    List<Observed.Rule> referencing =
        tg.map(
                t ->
                    elb.rulesOf(t.loadBalancerArns()).stream()
                        .filter(r -> r.references(t.arn()))
                        .toList())
            .orElse(List.of());
    return new BlueEstate(
        cluster, nodegroups, addons, tg, referencing, kubernetes.argoSecretOf(blue.cluster()));
  }

  /** What the guards check, read now. */
  public GuardObservation guards(Blue blue) {
    Optional<Observed.TargetGroup> blueTg = elb.targetGroupNamed(blue.targetGroupName());
    Optional<Observed.TargetGroup> greenTg = elb.targetGroupNamed(blue.greenTargetGroupName());
    Set<String> loadBalancers = new LinkedHashSet<>();
    blueTg.ifPresent(t -> loadBalancers.addAll(t.loadBalancerArns()));
    greenTg.ifPresent(t -> loadBalancers.addAll(t.loadBalancerArns()));
    int[] health = greenTg.map(t -> elb.targetHealth(t.arn())).orElse(new int[] {0, 0});
    return new GuardObservation(
        blueTg.map(Observed.TargetGroup::arn),
        elb.rulesOf(loadBalancers),
        eks.cluster(blue.greenCluster()),
        greenTg,
        health[0],
        health[1],
        kubernetes.cronJobsOf(blue.cluster()));
  }

  /** Carries out one destructive step ("already gone" counts as done). */
  public void perform(Blue blue, Step.Act act, String commandId) {
    switch (act.kind()) {
      case SCALE_NODEGROUP_TO_ZERO -> eks.scaleToZero(blue.cluster(), act.target(), commandId);
      case DELETE_NODEGROUP -> eks.deleteNodegroup(blue.cluster(), act.target());
      case DELETE_ADDON -> eks.deleteAddon(blue.cluster(), act.target());
      case DELETE_CLUSTER -> eks.deleteCluster(act.target());
      case DETACH_TARGET_GROUP -> elb.forwardOnlyTo(act.target(), act.detail());
      case DELETE_TARGET_GROUP -> elb.deleteTargetGroup(act.target());
      case DELETE_ARGOCD_SECRET -> {
        String[] nsName = act.target().split("/", 2);
        kubernetes.deleteArgoSecret(nsName[0], nsName[1]);
      }
    }
  }
}
