package dev.bluegreen.decommissioner.cloud;

import dev.bluegreen.decommissioner.core.Observed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/** ELBv2 as the decommissioner sees it: target groups, the rules in front of them, health. */
@ApplicationScoped
public class LoadBalancerGateway {

  private final ElasticLoadBalancingV2Client elb;

  @Inject
  public LoadBalancerGateway(ElasticLoadBalancingV2Client elb) {
    this.elb = elb;
  }

  /** The target group with this name and its tags, or empty when there is none. */
  public Optional<Observed.TargetGroup> targetGroupNamed(String name) {
    List<TargetGroup> found;
    try {
      found = elb.describeTargetGroups(r -> r.names(name)).targetGroups();
    } catch (TargetGroupNotFoundException gone) {
      return Optional.empty();
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    TargetGroup tg = found.get(0);
    Map<String, String> tags = new LinkedHashMap<>();
    try {
      elb.describeTags(r -> r.resourceArns(tg.targetGroupArn()))
          .tagDescriptions()
          .forEach(d -> d.tags().forEach(t -> tags.put(t.key(), t.value())));
    } catch (TargetGroupNotFoundException gone) {
      return Optional.empty();
    }
    return Optional.of(
        new Observed.TargetGroup(
            tg.targetGroupArn(), tg.targetGroupName(), tags, tg.loadBalancerArns()));
  }

  /** Every rule (default rules included) of every listener of these load balancers. */
  public List<Observed.Rule> rulesOf(Collection<String> loadBalancerArns) {
    List<Observed.Rule> out = new ArrayList<>();
    for (String lb : loadBalancerArns) {
      for (Listener listener :
          elb.describeListenersPaginator(r -> r.loadBalancerArn(lb)).listeners()) {
        String marker = null;
        do {
          String from = marker;
          DescribeRulesResponse page =
              elb.describeRules(r -> r.listenerArn(listener.listenerArn()).marker(from));
          page.rules().forEach(rule -> out.add(toRule(listener.listenerArn(), rule)));
          marker = page.nextMarker();
        } while (marker != null && !marker.isEmpty());
      }
    }
    return out;
  }

  /** Targets of the group: how many are healthy, and how many there are. */
  public int[] targetHealth(String targetGroupArn) {
    var descriptions =
        elb.describeTargetHealth(r -> r.targetGroupArn(targetGroupArn)).targetHealthDescriptions();
    int healthy =
        (int)
            descriptions.stream()
                .filter(d -> "healthy".equals(d.targetHealth().stateAsString()))
                .count();
    return new int[] {healthy, descriptions.size()};
  }

  /**
   * Makes the rule forward only to {@code keep} (blue's target group left out, the others keeping
   * their weights), leaving its other actions as they are; then reads the rule back.
   *
   * @return the rule as read back
   */
  public Observed.Rule forwardOnlyTo(String ruleArn, Map<String, Integer> keep) {
    Rule current = elb.describeRules(r -> r.ruleArns(ruleArn)).rules().get(0);
    List<TargetGroupTuple> tuples =
        keep.entrySet().stream()
            .map(
                e ->
                    TargetGroupTuple.builder()
                        .targetGroupArn(e.getKey())
                        .weight(e.getValue())
                        .build())
            .toList();
    List<Action> actions = new ArrayList<>();
    for (Action a : current.actions()) {
      if (a.type() == ActionTypeEnum.FORWARD) {
        actions.add(
            a.toBuilder()
                .targetGroupArn(null)
                .forwardConfig(
                    f -> {
                      f.targetGroups(tuples);
                      if (a.forwardConfig() != null) {
                        f.targetGroupStickinessConfig(
                            a.forwardConfig().targetGroupStickinessConfig());
                      }
                    })
                .build());
      } else {
        actions.add(a);
      }
    }
    elb.modifyRule(r -> r.ruleArn(ruleArn).actions(actions));
    Rule readBack = elb.describeRules(r -> r.ruleArns(ruleArn)).rules().get(0);
    return toRule(null, readBack);
  }

  /** Deletes the target group; ELBv2 treats a missing one as deleted. */
  public void deleteTargetGroup(String arn) {
    try {
      elb.deleteTargetGroup(r -> r.targetGroupArn(arn));
    } catch (TargetGroupNotFoundException gone) {
      // already gone
    }
  }

  private static Observed.Rule toRule(String listenerArn, Rule rule) {
    List<Observed.WeightedTarget> forward = new ArrayList<>();
    for (Action a : rule.actions()) {
      if (a.type() != ActionTypeEnum.FORWARD) {
        continue;
      }
      if (a.forwardConfig() != null && !a.forwardConfig().targetGroups().isEmpty()) {
        for (TargetGroupTuple t : a.forwardConfig().targetGroups()) {
          // No weight means the default (1): traffic, as far as the guard is concerned.
          int weight = t.weight() != null ? t.weight() : 1;
          forward.add(new Observed.WeightedTarget(t.targetGroupArn(), weight));
        }
      } else if (a.targetGroupArn() != null) {
        forward.add(new Observed.WeightedTarget(a.targetGroupArn(), 1));
      }
    }
    return new Observed.Rule(
        rule.ruleArn(), listenerArn, Boolean.TRUE.equals(rule.isDefault()), forward);
  }
}
