package dev.bluegreen.provisioner.cloud;

import dev.bluegreen.contracts.naming.ClusterTags;
import dev.bluegreen.contracts.naming.PhysicalNames;
import dev.bluegreen.provisioner.config.ProvisionerConfig;
import dev.bluegreen.provisioner.core.GreenTags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateTargetGroupNameException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * Green's ALB target group: created mirroring blue's (same VPC, protocol, port, target type and
 * health check), tagged as green's and as this upgrade's, so the traffic shifter can send it weight
 * once green's pods are registered (by the AWS Load Balancer Controller on green). Clean-up deletes
 * it, first taking it out of any rule that still lists it at weight 0.
 */
@ApplicationScoped
public class GreenTargetGroups {

  /** The tag that names a target group's cluster; shared by every service. */
  public static final String CLUSTER_TAG = ClusterTags.CLUSTER;

  private final ElasticLoadBalancingV2Client elb;
  private final ProvisionerConfig settings;

  public GreenTargetGroups(ElasticLoadBalancingV2Client elb, ProvisionerConfig settings) {
    this.elb = elb;
    this.settings = settings;
  }

  /** The target group name of a cluster. */
  public String nameOf(String cluster) {
    return PhysicalNames.targetGroup(settings.targetGroupName(), cluster);
  }

  /** Creates green's target group unless it exists; returns its ARN. */
  public String ensure(String blue, String green, String upgradeId) {
    Optional<TargetGroup> existing = find(nameOf(green));
    if (existing.isPresent()) {
      Map<String, String> tags = tags(existing.get().targetGroupArn());
      if (!GreenTags.isOurs(tags, upgradeId)) {
        throw new GreenFailure(
            "TargetGroupNotOurs",
            "A target group named "
                + nameOf(green)
                + " exists but was not created for this upgrade",
            false,
            Map.of("targetGroupArn", existing.get().targetGroupArn()));
      }
      return existing.get().targetGroupArn();
    }
    TargetGroup blueGroup =
        find(nameOf(blue))
            .orElseThrow(
                () ->
                    new GreenFailure(
                        "BlueTargetGroupNotFound",
                        "Blue's target group " + nameOf(blue) + " does not exist",
                        false,
                        Map.of("cluster", blue)));
    List<Tag> tags = new ArrayList<>();
    GreenTags.forGreen(Map.of(), upgradeId, blue)
        .forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
    tags.add(Tag.builder().key(CLUSTER_TAG).value(green).build());
    try {
      return elb.createTargetGroup(
              r ->
                  r.name(nameOf(green))
                      .protocol(blueGroup.protocol())
                      .port(blueGroup.port())
                      .vpcId(blueGroup.vpcId())
                      .targetType(blueGroup.targetType())
                      .healthCheckPath(blueGroup.healthCheckPath())
                      .tags(tags))
          .targetGroups()
          .get(0)
          .targetGroupArn();
    } catch (DuplicateTargetGroupNameException e) {
      // Created meanwhile by a redelivered command: take that one.
      return find(nameOf(green)).orElseThrow().targetGroupArn();
    }
  }

  /**
   * Deletes green's target group if it is this upgrade's. A rule that still lists it at weight 0 (a
   * rollback keeps it there) is modified to forward to the others only; a rule that still sends it
   * traffic stops the clean-up: traffic must be back on blue first.
   *
   * @return the deleted resource, or empty when there was nothing of ours to delete
   */
  public Optional<String> delete(String green, String upgradeId) {
    Optional<TargetGroup> group = find(nameOf(green));
    if (group.isEmpty() || !GreenTags.isOurs(tags(group.get().targetGroupArn()), upgradeId)) {
      return Optional.empty();
    }
    String arn = group.get().targetGroupArn();
    for (String lb : group.get().loadBalancerArns()) {
      for (Listener listener : elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners()) {
        for (Rule rule : elb.describeRules(r -> r.listenerArn(listener.listenerArn())).rules()) {
          detach(rule, arn);
        }
      }
    }
    elb.deleteTargetGroup(r -> r.targetGroupArn(arn));
    return Optional.of("targetgroup/" + nameOf(green));
  }

  private void detach(Rule rule, String arn) {
    for (Action action : rule.actions()) {
      ForwardActionConfig forward = action.forwardConfig();
      if (action.type() != ActionTypeEnum.FORWARD || forward == null) {
        continue;
      }
      List<TargetGroupTuple> others = new ArrayList<>();
      boolean listed = false;
      for (TargetGroupTuple t : forward.targetGroups()) {
        if (t.targetGroupArn().equals(arn)) {
          listed = true;
          if (t.weight() != null && t.weight() > 0) {
            Map<String, Object> evidence = new HashMap<>();
            evidence.put("ruleArn", rule.ruleArn());
            evidence.put("greenWeight", t.weight());
            throw new GreenFailure(
                "GreenStillReceivesTraffic",
                "Rule "
                    + rule.ruleArn()
                    + " still sends green "
                    + t.weight()
                    + "%: roll traffic back first",
                true,
                evidence);
          }
        } else {
          others.add(t);
        }
      }
      if (listed && !others.isEmpty()) {
        elb.modifyRule(
            r ->
                r.ruleArn(rule.ruleArn())
                    .actions(
                        Action.builder()
                            .type(ActionTypeEnum.FORWARD)
                            .forwardConfig(
                                ForwardActionConfig.builder().targetGroups(others).build())
                            .build()));
      }
    }
  }

  private Optional<TargetGroup> find(String name) {
    try {
      return elb.describeTargetGroups(r -> r.names(name)).targetGroups().stream().findFirst();
    } catch (TargetGroupNotFoundException e) {
      return Optional.empty();
    }
  }

  private Map<String, String> tags(String arn) {
    Map<String, String> out = new HashMap<>();
    elb.describeTags(r -> r.resourceArns(arn))
        .tagDescriptions()
        .forEach(d -> d.tags().forEach(t -> out.put(t.key(), t.value())));
    return out;
  }
}
