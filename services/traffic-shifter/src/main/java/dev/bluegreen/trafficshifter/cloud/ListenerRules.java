package dev.bluegreen.trafficshifter.cloud;

import dev.bluegreen.contracts.naming.PhysicalNames;
import dev.bluegreen.trafficshifter.config.TrafficShifterConfig;
import dev.bluegreen.trafficshifter.core.ForwardTarget;
import dev.bluegreen.trafficshifter.core.TargetHealthSummary;
import dev.bluegreen.trafficshifter.core.TrafficRule;
import dev.bluegreen.trafficshifter.core.TrafficStamp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * ELBv2, as the traffic shifter sees it: find a cluster's target group by tag and the listener rule
 * forwarding to it, read a rule, write its forward weights, read target health. Translates SDK
 * types to core records; decides nothing.
 */
@ApplicationScoped
public class ListenerRules {

  /** DescribeTags takes at most 20 ARNs per call. */
  private static final int TAGS_PER_CALL = 20;

  @Inject ElasticLoadBalancingV2Client elb;
  @Inject TrafficShifterConfig config;

  /**
   * The target group tagged {@code <cluster-tag-key>=<cluster>}; empty when none (green not yet
   * created, or already deleted). Several are a discovery error.
   *
   * <p>The tag is the truth, the name a shortcut: the group named by {@code
   * discovery.target-group-name} is taken when its tag names the cluster (two calls). Otherwise
   * every target group of the region and its tags are read (a group named otherwise, or none at
   * all). That scan costs a call per 20 groups, per command: with 1,000 clusters upgrading at once
   * it was the traffic-shifter's and the simulator's main work, and it failed outright when another
   * upgrade deleted a group between the listing and DescribeTags. The shortcut does not look for a
   * second group tagged for the same cluster; the scan still does.
   */
  public Optional<String> targetGroupOf(String cluster) {
    String key = config.discovery().clusterTagKey();
    Optional<String> named = namedFor(cluster, key);
    if (named.isPresent()) {
      return named;
    }
    List<String> arns = new ArrayList<>();
    elb.describeTargetGroupsPaginator(b -> {}).targetGroups().stream()
        .map(TargetGroup::targetGroupArn)
        .forEach(arns::add);
    List<String> matches = new ArrayList<>();
    for (int i = 0; i < arns.size(); i += TAGS_PER_CALL) {
      List<String> chunk = arns.subList(i, Math.min(arns.size(), i + TAGS_PER_CALL));
      for (TagDescription d : tagsOf(chunk)) {
        if (tagged(d, key, cluster)) {
          matches.add(d.resourceArn());
        }
      }
    }
    if (matches.size() > 1) {
      throw new DiscoveryException(
          "AmbiguousTargetGroup",
          "several target groups are tagged " + key + "=" + cluster + ": " + matches);
    }
    return matches.stream().findFirst();
  }

  /** The conventionally named group, if it exists and its tag names the cluster. */
  private Optional<String> namedFor(String cluster, String key) {
    String name = PhysicalNames.targetGroup(config.discovery().targetGroupName(), cluster);
    List<TargetGroup> found;
    try {
      found = elb.describeTargetGroups(b -> b.names(name)).targetGroups();
    } catch (TargetGroupNotFoundException e) {
      return Optional.empty();
    }
    for (TargetGroup tg : found) {
      for (TagDescription d : tagsOf(List.of(tg.targetGroupArn()))) {
        if (tagged(d, key, cluster)) {
          return Optional.of(d.resourceArn());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Tags of these groups. A group deleted since it was listed (other upgrades delete theirs all the
   * time) fails the whole call in ELBv2; then each is asked alone and the deleted one skipped.
   */
  private List<TagDescription> tagsOf(List<String> arns) {
    try {
      return elb.describeTags(b -> b.resourceArns(arns)).tagDescriptions();
    } catch (TargetGroupNotFoundException e) {
      if (arns.size() == 1) {
        return List.of();
      }
      List<TagDescription> out = new ArrayList<>();
      for (String arn : arns) {
        out.addAll(tagsOf(List.of(arn)));
      }
      return out;
    }
  }

  private static boolean tagged(TagDescription d, String key, String cluster) {
    return d.tags().stream().anyMatch(t -> key.equals(t.key()) && cluster.equals(t.value()));
  }

  /** The one non-default listener rule whose forward action includes the target group. */
  public TrafficRule ruleForwardingTo(String targetGroupArn) {
    List<String> loadBalancers =
        elb.describeTargetGroups(b -> b.targetGroupArns(targetGroupArn)).targetGroups().stream()
            .flatMap(tg -> tg.loadBalancerArns().stream())
            .distinct()
            .toList();
    List<TrafficRule> found = new ArrayList<>();
    for (String lb : loadBalancers) {
      for (Listener l : elb.describeListenersPaginator(b -> b.loadBalancerArn(lb)).listeners()) {
        for (Rule r : rulesOf(l.listenerArn())) {
          TrafficRule rule = toRule(r, l.listenerArn());
          if (!Boolean.TRUE.equals(r.isDefault()) && rule.includes(targetGroupArn)) {
            found.add(rule);
          }
        }
      }
    }
    if (found.isEmpty()) {
      throw new DiscoveryException(
          "RuleNotFound", "no listener rule forwards to target group " + targetGroupArn);
    }
    if (found.size() > 1) {
      throw new DiscoveryException(
          "AmbiguousRule",
          "several listener rules forward to "
              + targetGroupArn
              + ": "
              + found.stream().map(TrafficRule::ruleArn).toList());
    }
    return found.get(0);
  }

  /** The rule as DescribeRules shows it now (eventually consistent after a ModifyRule). */
  public TrafficRule read(TrafficRule rule) {
    List<Rule> rules = elb.describeRules(b -> b.ruleArns(rule.ruleArn())).rules();
    if (rules.isEmpty()) {
      throw new DiscoveryException("RuleNotFound", "rule " + rule.ruleArn() + " is gone");
    }
    return toRule(rules.get(0), rule.listenerArn());
  }

  /** Which traffic command last wrote the rule, from its tag; null when none of ours did. */
  public TrafficStamp stampOf(TrafficRule rule) {
    return elb.describeTags(b -> b.resourceArns(rule.ruleArn())).tagDescriptions().stream()
        .flatMap(d -> d.tags().stream())
        .filter(t -> TrafficStamp.TAG.equals(t.key()))
        .findFirst()
        .flatMap(t -> TrafficStamp.parse(t.value()))
        .orElse(null);
  }

  /** Records on the rule which command is about to write it (before it does). */
  public void stamp(TrafficRule rule, TrafficStamp stamp) {
    elb.addTags(
        b ->
            b.resourceArns(rule.ruleArn())
                .tags(Tag.builder().key(TrafficStamp.TAG).value(stamp.value()).build()));
  }

  /** Replaces the rule's forward action with these absolute weights. */
  public void writeWeights(TrafficRule rule, List<ForwardTarget> forward) {
    List<TargetGroupTuple> groups =
        forward.stream()
            .map(
                f ->
                    TargetGroupTuple.builder()
                        .targetGroupArn(f.targetGroupArn())
                        .weight(f.weight())
                        .build())
            .toList();
    elb.modifyRule(
        b ->
            b.ruleArn(rule.ruleArn())
                .actions(
                    Action.builder()
                        .type(ActionTypeEnum.FORWARD)
                        .order(1)
                        .forwardConfig(ForwardActionConfig.builder().targetGroups(groups).build())
                        .build()));
  }

  /** How many of the target group's registered targets are healthy. */
  public TargetHealthSummary health(String targetGroupArn) {
    List<TargetHealthDescription> targets =
        elb.describeTargetHealth(b -> b.targetGroupArn(targetGroupArn)).targetHealthDescriptions();
    int healthy =
        (int)
            targets.stream()
                .filter(t -> t.targetHealth() != null)
                .filter(t -> t.targetHealth().state() == TargetHealthStateEnum.HEALTHY)
                .count();
    return new TargetHealthSummary(healthy, targets.size());
  }

  private List<Rule> rulesOf(String listenerArn) {
    List<Rule> out = new ArrayList<>();
    String marker = null;
    do {
      String m = marker;
      DescribeRulesResponse page = elb.describeRules(b -> b.listenerArn(listenerArn).marker(m));
      out.addAll(page.rules());
      marker = page.nextMarker();
    } while (marker != null && !marker.isEmpty());
    return out;
  }

  private static TrafficRule toRule(Rule r, String listenerArn) {
    List<ForwardTarget> forward = new ArrayList<>();
    for (Action a : r.actions()) {
      if (a.type() != ActionTypeEnum.FORWARD) {
        continue;
      }
      if (a.forwardConfig() != null && !a.forwardConfig().targetGroups().isEmpty()) {
        for (TargetGroupTuple t : a.forwardConfig().targetGroups()) {
          // ELBv2 treats a missing weight as 1.
          forward.add(new ForwardTarget(t.targetGroupArn(), t.weight() == null ? 1 : t.weight()));
        }
      } else if (a.targetGroupArn() != null) {
        forward.add(new ForwardTarget(a.targetGroupArn(), 1));
      }
    }
    return new TrafficRule(r.ruleArn(), listenerArn, forward);
  }
}
