package dev.bluegreen.cloud;

import dev.bluegreen.contracts.naming.SharedRules.IngressRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The EC2 calls on shared resources' security-group rules, for the provisioner (mirroring blue's
 * rules for green) and the decommissioner (revoking them): reads that find every ingress rule
 * referencing a group, an authorize that tags the rule it makes, a revoke for which "already gone"
 * is done. Decisions are {@link dev.bluegreen.contracts.naming.SharedRules}'.
 */
public final class SecurityGroupRules {
  private final Ec2Client ec2;

  public SecurityGroupRules(Ec2Client ec2) {
    this.ec2 = ec2;
  }

  /**
   * Every ingress rule of every group that has a rule referencing {@code groupId} (EC2 filter
   * {@code ip-permission.group-id}), so other rules of those groups (green's mirrors) are among
   * them.
   */
  public List<IngressRule> inGroupsReferencing(String groupId) {
    Map<String, Map<String, String>> groups = new LinkedHashMap<>();
    for (SecurityGroup g :
        ec2.describeSecurityGroupsPaginator(
                r -> r.filters(f -> f.name("ip-permission.group-id").values(groupId)))
            .securityGroups()) {
      groups.put(g.groupId(), tags(g.tags()));
    }
    if (groups.isEmpty()) {
      return List.of();
    }
    List<IngressRule> out = new ArrayList<>();
    for (SecurityGroupRule r :
        ec2.describeSecurityGroupRulesPaginator(
                q -> q.filters(f -> f.name("group-id").values(groups.keySet())))
            .securityGroupRules()) {
      if (Boolean.TRUE.equals(r.isEgress())) {
        continue;
      }
      out.add(toRule(r, groups.getOrDefault(r.groupId(), Map.of())));
    }
    return out;
  }

  /** Every ingress rule tagged {@code key=value} (EC2 filter {@code tag:<key>}), in any group. */
  public List<IngressRule> tagged(String key, String value) {
    List<IngressRule> out = new ArrayList<>();
    for (SecurityGroupRule r :
        ec2.describeSecurityGroupRulesPaginator(
                q -> q.filters(f -> f.name("tag:" + key).values(value)))
            .securityGroupRules()) {
      if (!Boolean.TRUE.equals(r.isEgress())) {
        out.add(toRule(r, Map.of()));
      }
    }
    return out;
  }

  /**
   * Adds {@code like}'s permission from {@code sourceGroup} to {@code like}'s group, tagged;
   * returns the new rule's id. EC2's {@code InvalidPermission.Duplicate} (the permission is there
   * already, e.g. added by a run that died before it was seen) is returned as {@code null}.
   */
  public String authorizeLike(IngressRule like, String sourceGroup, Map<String, String> tags) {
    try {
      return ec2.authorizeSecurityGroupIngress(
              r ->
                  r.groupId(like.groupId())
                      .ipPermissions(
                          p ->
                              p.ipProtocol(like.protocol())
                                  .fromPort(like.fromPort())
                                  .toPort(like.toPort())
                                  .userIdGroupPairs(
                                      g ->
                                          g.groupId(sourceGroup)
                                              .description("mirrors " + like.ruleId())))
                      .tagSpecifications(
                          t ->
                              t.resourceType(ResourceType.SECURITY_GROUP_RULE)
                                  .tags(
                                      tags.entrySet().stream()
                                          .map(
                                              e ->
                                                  Tag.builder()
                                                      .key(e.getKey())
                                                      .value(e.getValue())
                                                      .build())
                                          .toList())))
          .securityGroupRules()
          .get(0)
          .securityGroupRuleId();
    } catch (Ec2Exception e) {
      if (e.awsErrorDetails() != null
          && "InvalidPermission.Duplicate".equals(e.awsErrorDetails().errorCode())) {
        return null;
      }
      throw e;
    }
  }

  /** Revokes one rule; a rule (or group) already gone is done. */
  public void revoke(IngressRule rule) {
    revoke(rule.groupId(), rule.ruleId());
  }

  /** Revokes rule {@code ruleId} of group {@code groupId}; already gone is done. */
  public void revoke(String groupId, String ruleId) {
    try {
      ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId).securityGroupRuleIds(ruleId));
    } catch (Ec2Exception e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      if (!"InvalidSecurityGroupRuleId.NotFound".equals(code)
          && !"InvalidGroup.NotFound".equals(code)) {
        throw e;
      }
    }
  }

  private static IngressRule toRule(SecurityGroupRule r, Map<String, String> groupTags) {
    return new IngressRule(
        r.securityGroupRuleId(),
        r.groupId(),
        r.ipProtocol(),
        r.fromPort() == null ? -1 : r.fromPort(),
        r.toPort() == null ? -1 : r.toPort(),
        r.referencedGroupInfo() == null ? null : r.referencedGroupInfo().groupId(),
        tags(r.tags()),
        groupTags);
  }

  private static Map<String, String> tags(List<Tag> tags) {
    return tags.stream()
        .collect(
            Collectors.toMap(
                Tag::key, Tag::value, (a, b) -> b, LinkedHashMap<String, String>::new));
  }
}
