package dev.bluegreen.decommissioner.cloud;

import dev.bluegreen.cloud.KubernetesClients;
import dev.bluegreen.cloud.SecurityGroupRules;
import dev.bluegreen.contracts.naming.SharedRules;
import dev.bluegreen.decommissioner.core.Blue;
import dev.bluegreen.decommissioner.core.BlueEstate;
import dev.bluegreen.decommissioner.core.EstateScope;
import dev.bluegreen.decommissioner.core.GuardObservation;
import dev.bluegreen.decommissioner.core.Observed;
import dev.bluegreen.decommissioner.core.Plan;
import dev.bluegreen.decommissioner.core.Step;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Reads blue's estate and the guards' inputs from the cloud, and carries out one destructive step,
 * through a {@link Session} per command. Every observation is read fresh; the only thing a session
 * keeps between observations is blue's Kubernetes client (its endpoint does not change while blue
 * exists), never anything read.
 */
@ApplicationScoped
public class BlueCloud {

  private final EksGateway eks;
  private final LoadBalancerGateway elb;
  private final KubernetesGateway kubernetes;
  private final SecurityGroupRules sharedRules;
  private final LaunchTemplateGateway launchTemplates;

  @Inject
  public BlueCloud(
      EksGateway eks, LoadBalancerGateway elb, KubernetesGateway kubernetes, Ec2Client ec2) {
    this.eks = eks;
    this.elb = elb;
    this.kubernetes = kubernetes;
    this.sharedRules = new SecurityGroupRules(ec2);
    this.launchTemplates = new LaunchTemplateGateway(ec2);
  }

  /** The cloud as one command sees it; close it when the command ends. */
  public Session open(Blue blue) {
    return new Session(blue, kubernetes.blueApi(blue.cluster()));
  }

  /**
   * One observation of blue, read after the last step: its estate, and what of it the guards of the
   * next step reuse instead of reading it again a moment later.
   *
   * @param estate what exists of blue (as much as its scope reads)
   * @param scope how much of the estate was read
   * @param blueApi blue's Kubernetes API, from the same DescribeCluster (empty: blue is gone)
   * @param front blue's target group and every rule of its load balancers, when the scope read them
   */
  public record Observation(
      BlueEstate estate,
      EstateScope scope,
      Optional<KubernetesClients.Endpoint> blueApi,
      Optional<Front> front) {}

  /**
   * Blue's target group and all rules (default rules included) of the load balancers it is in.
   *
   * @param blueTargetGroup blue's target group, if it exists
   * @param loadBalancers the load balancers whose rules were read
   * @param rules those rules
   */
  public record Front(
      Optional<Observed.TargetGroup> blueTargetGroup,
      Set<String> loadBalancers,
      List<Observed.Rule> rules) {}

  /** One command's reads and calls; holds blue's Kubernetes client for the command's length. */
  public final class Session implements AutoCloseable {
    private final Blue blue;
    private final KubernetesGateway.BlueApi blueApi;

    private Session(Blue blue, KubernetesGateway.BlueApi blueApi) {
      this.blue = blue;
      this.blueApi = blueApi;
    }

    /**
     * What exists of blue now: everything, or (after the first observation) what the plan can need
     * given the cluster read first ({@link Plan#scopeFor}).
     */
    public Observation observe(boolean everything) {
      Optional<EksGateway.Described> described = eks.clusterAndApi(blue.cluster());
      Optional<Observed.Cluster> cluster = described.map(EksGateway.Described::cluster);
      EstateScope scope = everything ? EstateScope.ALL : Plan.scopeFor(cluster);
      boolean eksParts = cluster.isPresent() && scope != EstateScope.CLUSTER;
      List<Observed.Nodegroup> nodegroups = eksParts ? eks.nodegroups(blue.cluster()) : List.of();
      boolean afterNodegroups = scope == EstateScope.ALL || Plan.needsAddons(nodegroups);
      List<Observed.Addon> addons =
          eksParts && afterNodegroups ? eks.addons(blue.cluster()) : List.of();
      // Blue's mirrored shared-resource rules matter once its node groups are gone (nothing of
      // blue connects any more) and before its cluster goes.
      Optional<String> blueGroup =
          eksParts && afterNodegroups
              ? described.flatMap(EksGateway.Described::clusterSecurityGroup)
              : Optional.empty();
      List<SharedRules.IngressRule> referencing =
          blueGroup.map(sharedRules::inGroupsReferencing).orElse(List.of());
      List<SharedRules.IngressRule> shared =
          blueGroup.map(sg -> SharedRules.mirroredOriginals(sg, referencing)).orElse(List.of());
      List<SharedRules.IngressRule> forAPerson =
          blueGroup.map(sg -> SharedRules.unmirroredOriginals(sg, referencing)).orElse(List.of());
      Optional<Front> front = scope == EstateScope.ALL ? Optional.of(front()) : Optional.empty();
      Optional<Observed.ArgoClusterSecret> argoSecret =
          scope == EstateScope.ALL ? kubernetes.argoSecretOf(blue.cluster()) : Optional.empty();
      // The copies made for blue when it was green go after its cluster: read with everything.
      List<Observed.LaunchTemplate> templates =
          scope == EstateScope.ALL
              ? launchTemplates.madeFor(blue.conventions().clusterTagKey(), blue.cluster())
              : List.of();
      Optional<Observed.TargetGroup> tg = front.flatMap(Front::blueTargetGroup);
      List<Observed.Rule> rulesToBlue =
          tg.map(t -> front.get().rules().stream().filter(r -> r.references(t.arn())).toList())
              .orElse(List.of());
      return new Observation(
          new BlueEstate(
              cluster,
              nodegroups,
              addons,
              tg,
              rulesToBlue,
              argoSecret,
              shared,
              forAPerson,
              templates),
          scope,
          described.map(EksGateway.Described::api),
          front);
    }

    /**
     * What the guards check before the step planned on this observation: blue's target group and
     * the rules as the observation read them (read now if it did not), the rules of green's load
     * balancers not among them, green's cluster, target group and health, and blue's CronJobs.
     */
    public GuardObservation guards(Observation seen) {
      Front front = seen.front().orElseGet(this::front);
      Optional<Observed.TargetGroup> greenTg = elb.targetGroupNamed(blue.greenTargetGroupName());
      Set<String> more = new LinkedHashSet<>();
      greenTg.ifPresent(t -> more.addAll(t.loadBalancerArns()));
      more.removeAll(front.loadBalancers());
      List<Observed.Rule> rules = new ArrayList<>(front.rules());
      if (!more.isEmpty()) {
        rules.addAll(elb.rulesOf(more));
      }
      int[] health = greenTg.map(t -> elb.targetHealth(t.arn())).orElse(new int[] {0, 0});
      GuardObservation.CronJobs cronJobs =
          seen.blueApi().map(blueApi::cronJobs).orElseGet(GuardObservation.ClusterGone::new);
      return new GuardObservation(
          front.blueTargetGroup().map(Observed.TargetGroup::arn),
          rules,
          eks.cluster(blue.greenCluster()),
          greenTg,
          health[0],
          health[1],
          cronJobs);
    }

    private Front front() {
      Optional<Observed.TargetGroup> tg = elb.targetGroupNamed(blue.targetGroupName());
      Set<String> loadBalancers = new LinkedHashSet<>();
      tg.ifPresent(t -> loadBalancers.addAll(t.loadBalancerArns()));
      return new Front(tg, loadBalancers, elb.rulesOf(loadBalancers));
    }

    /** Carries out one destructive step ("already gone" counts as done). */
    public void perform(Step.Act act, String commandId) {
      switch (act.kind()) {
        case SCALE_NODEGROUP_TO_ZERO -> eks.scaleToZero(blue.cluster(), act.target(), commandId);
        case DELETE_NODEGROUP -> eks.deleteNodegroup(blue.cluster(), act.target());
        case DELETE_ADDON -> eks.deleteAddon(blue.cluster(), act.target());
        case REVOKE_SHARED_RULE -> {
          String[] groupRule = act.target().split("/", 2);
          sharedRules.revoke(groupRule[0], groupRule[1]);
        }
        case DELETE_CLUSTER -> eks.deleteCluster(act.target());
        case DELETE_LAUNCH_TEMPLATE -> launchTemplates.delete(act.target());
        case DETACH_TARGET_GROUP -> elb.forwardOnlyTo(act.target(), act.detail());
        case DELETE_TARGET_GROUP -> elb.deleteTargetGroup(act.target());
        case DELETE_ARGOCD_SECRET -> {
          String[] nsName = act.target().split("/", 2);
          kubernetes.deleteArgoSecret(nsName[0], nsName[1]);
        }
      }
    }

    @Override
    public void close() {
      blueApi.close();
    }
  }
}
