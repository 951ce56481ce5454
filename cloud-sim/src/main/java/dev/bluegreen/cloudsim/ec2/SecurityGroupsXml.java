package dev.bluegreen.cloudsim.ec2;

import static dev.bluegreen.cloudsim.ec2.Ec2Api.el;
import static dev.bluegreen.cloudsim.ec2.Ec2Api.first;

import dev.bluegreen.cloudsim.core.SecurityGroup;
import dev.bluegreen.cloudsim.core.SecurityGroupRule;
import dev.bluegreen.cloudsim.core.SecurityGroups;
import dev.bluegreen.cloudsim.core.SimError;
import dev.bluegreen.cloudsim.core.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The security-group actions over EC2's query dialect: {@code DescribeSecurityGroups} (filters
 * {@code group-id}, {@code group-name}, {@code vpc-id}, {@code ip-permission.group-id}, {@code
 * tag:<key>}, {@code tag-key}), {@code DescribeSecurityGroupRules} (filters {@code group-id},
 * {@code security-group-rule-id}, {@code tag:<key>}, {@code tag-key}; one page), {@code
 * AuthorizeSecurityGroupIngress} (IpPermissions with group pairs or CIDR ranges, TagSpecifications
 * of resource type {@code security-group-rule}), {@code RevokeSecurityGroupIngress} (by
 * SecurityGroupRuleIds) and {@code CreateTags} on rules. Each returns the response's members.
 */
final class SecurityGroupsXml {
  private SecurityGroupsXml() {}

  static String describeGroups(World w, Map<String, List<String>> form) {
    SecurityGroups sgs = w.securityGroups();
    List<String> ids = list(form, "GroupId");
    List<SecurityGroup> out = new ArrayList<>();
    if (ids.isEmpty()) {
      out.addAll(sgs.list());
    } else {
      ids.forEach(id -> out.add(sgs.describe(id)));
    }
    List<String> names = list(form, "GroupName");
    if (!names.isEmpty()) {
      out.removeIf(g -> !names.contains(g.name));
    }
    applyFilters(form, out, SecurityGroupsXml::groupMatches);
    StringBuilder x = new StringBuilder("<securityGroupInfo>");
    for (SecurityGroup g : out) {
      x.append("<item>");
      el(x, "ownerId", w.accountId());
      el(x, "groupId", g.id);
      el(x, "groupName", g.name);
      el(x, "groupDescription", g.description);
      el(x, "vpcId", g.vpcId);
      el(
          x,
          "securityGroupArn",
          "arn:aws:ec2:" + w.region() + ":" + w.accountId() + ":security-group/" + g.id);
      x.append("<ipPermissions>");
      for (SecurityGroupRule r : g.ingress.values()) {
        x.append("<item>");
        el(x, "ipProtocol", r.protocol);
        if (!"-1".equals(r.protocol)) {
          el(x, "fromPort", String.valueOf(r.fromPort));
          el(x, "toPort", String.valueOf(r.toPort));
        }
        x.append("<groups>");
        if (r.referencedGroupId != null) {
          x.append("<item>");
          el(x, "userId", w.accountId());
          el(x, "groupId", r.referencedGroupId);
          el(x, "description", r.description);
          x.append("</item>");
        }
        x.append("</groups><ipRanges>");
        if (r.cidrIpv4 != null) {
          x.append("<item>");
          el(x, "cidrIp", r.cidrIpv4);
          el(x, "description", r.description);
          x.append("</item>");
        }
        x.append("</ipRanges></item>");
      }
      x.append("</ipPermissions><ipPermissionsEgress/>");
      tagSet(x, g.tags);
      x.append("</item>");
    }
    return x.append("</securityGroupInfo>").toString();
  }

  private static Boolean groupMatches(SecurityGroup g, String name, List<String> values) {
    return switch (name) {
      case "group-id" -> values.contains(g.id);
      case "group-name" -> values.contains(g.name);
      case "vpc-id" -> values.contains(g.vpcId);
      case "ip-permission.group-id" ->
          g.ingress.values().stream().anyMatch(r -> values.contains(r.referencedGroupId));
      default -> tagMatches(g.tags, name, values);
    };
  }

  static String describeRules(World w, Map<String, List<String>> form) {
    List<String> ids = list(form, "SecurityGroupRuleId");
    List<SecurityGroupRule> out = new ArrayList<>(w.securityGroups().rules());
    if (!ids.isEmpty()) {
      for (String id : ids) {
        if (out.stream().noneMatch(r -> r.id.equals(id))) {
          throw SimError.explicit(
              "InvalidSecurityGroupRuleId.NotFound",
              400,
              "The security group rule ID '" + id + "' does not exist");
        }
      }
      out.removeIf(r -> !ids.contains(r.id));
    }
    applyFilters(form, out, SecurityGroupsXml::ruleMatches);
    StringBuilder x = new StringBuilder("<securityGroupRuleSet>");
    out.forEach(r -> rule(x, w, r));
    return x.append("</securityGroupRuleSet>").toString();
  }

  private static Boolean ruleMatches(SecurityGroupRule r, String name, List<String> values) {
    return switch (name) {
      case "group-id" -> values.contains(r.groupId);
      case "security-group-rule-id" -> values.contains(r.id);
      default -> tagMatches(r.tags, name, values);
    };
  }

  static String authorizeIngress(World w, Map<String, List<String>> form) {
    String groupId = required(form, "GroupId");
    List<SecurityGroups.Permission> permissions = new ArrayList<>();
    for (String p : prefixes(form, "IpPermissions")) {
      String protocol = first(form, p + "IpProtocol");
      int from = intOr(first(form, p + "FromPort"), -1);
      int to = intOr(first(form, p + "ToPort"), from);
      for (String g : prefixes(form, p + "Groups")) {
        permissions.add(
            new SecurityGroups.Permission(
                protocol,
                from,
                to,
                required(form, g + "GroupId"),
                null,
                first(form, g + "Description")));
      }
      for (String c : prefixes(form, p + "IpRanges")) {
        permissions.add(
            new SecurityGroups.Permission(
                protocol,
                from,
                to,
                null,
                required(form, c + "CidrIp"),
                first(form, c + "Description")));
      }
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (String spec : prefixes(form, "TagSpecification", "TagSpecifications")) {
      String type = first(form, spec + "ResourceType");
      if (!"security-group-rule".equals(type)) {
        throw SimError.explicit(
            "InvalidParameterValue",
            400,
            "'" + type + "' is not a valid taggable resource type for this operation.");
      }
      tags.putAll(tags(form, spec));
    }
    List<SecurityGroupRule> made = w.securityGroups().authorize(groupId, permissions, tags);
    StringBuilder x = new StringBuilder("<return>true</return><securityGroupRuleSet>");
    made.forEach(r -> rule(x, w, r));
    return x.append("</securityGroupRuleSet>").toString();
  }

  static String revokeIngress(World w, Map<String, List<String>> form) {
    String groupId = required(form, "GroupId");
    List<String> ids = list(form, "SecurityGroupRuleId");
    if (ids.isEmpty()) {
      throw SimError.explicit(
          "MissingParameter",
          400,
          "Only revoking by SecurityGroupRuleIds is simulated; the request names no rule");
    }
    w.securityGroups().revoke(groupId, ids);
    return "<return>true</return>";
  }

  static String createTags(World w, Map<String, List<String>> form) {
    Map<String, String> tags = tags(form, "");
    for (String id : list(form, "ResourceId")) {
      if (!id.startsWith("sgr-")) {
        throw SimError.explicit(
            "InvalidID", 400, "Only security group rules are tagged by the simulator: " + id);
      }
      w.securityGroups().tagRule(id, tags);
    }
    return "<return>true</return>";
  }

  // ---------------------------------------------------------------- helpers

  private static void rule(StringBuilder x, World w, SecurityGroupRule r) {
    x.append("<item>");
    el(x, "securityGroupRuleId", r.id);
    el(x, "groupId", r.groupId);
    el(x, "groupOwnerId", w.accountId());
    el(x, "isEgress", "false");
    el(x, "ipProtocol", r.protocol);
    el(x, "fromPort", String.valueOf(r.fromPort));
    el(x, "toPort", String.valueOf(r.toPort));
    el(x, "cidrIpv4", r.cidrIpv4);
    if (r.referencedGroupId != null) {
      x.append("<referencedGroupInfo>");
      el(x, "groupId", r.referencedGroupId);
      el(x, "userId", w.accountId());
      x.append("</referencedGroupInfo>");
    }
    el(x, "description", r.description);
    tagSet(x, r.tags);
    el(
        x,
        "securityGroupRuleArn",
        "arn:aws:ec2:" + w.region() + ":" + w.accountId() + ":security-group-rule/" + r.id);
    x.append("</item>");
  }

  private static void tagSet(StringBuilder x, Map<String, String> tags) {
    x.append("<tagSet>");
    tags.forEach(
        (k, v) -> {
          x.append("<item>");
          el(x, "key", k);
          el(x, "value", v);
          x.append("</item>");
        });
    x.append("</tagSet>");
  }

  private static <T> void applyFilters(
      Map<String, List<String>> form, List<T> items, FilterMatch<T> match) {
    for (String f : prefixes(form, "Filter")) {
      String name = first(form, f + "Name");
      List<String> values = list(form, f + "Value");
      items.removeIf(i -> !match.apply(i, name, values));
    }
  }

  private interface FilterMatch<T> {
    Boolean apply(T item, String name, List<String> values);
  }

  private static boolean tagMatches(Map<String, String> tags, String name, List<String> values) {
    if (name.startsWith("tag:")) {
      return values.contains(tags.get(name.substring(4)));
    }
    if (name.equals("tag-key")) {
      return values.stream().anyMatch(tags::containsKey);
    }
    throw SimError.explicit("InvalidParameterValue", 400, "The filter '" + name + "' is invalid");
  }

  private static Map<String, String> tags(Map<String, List<String>> form, String prefix) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String t : prefixes(form, prefix + "Tag", prefix + "Tags")) {
      tags.put(
          required(form, t + "Key"),
          first(form, t + "Value") == null ? "" : first(form, t + "Value"));
    }
    return tags;
  }

  /**
   * The {@code name.N.} prefixes present, in order; the first of {@code names} that has any (EC2
   * lists go by their singular location name, some SDKs send the member's plural).
   */
  private static List<String> prefixes(Map<String, List<String>> form, String... names) {
    for (String name : names) {
      List<String> out = new ArrayList<>();
      for (int i = 1; hasPrefix(form, name + "." + i + "."); i++) {
        out.add(name + "." + i + ".");
      }
      if (!out.isEmpty()) {
        return out;
      }
    }
    return List.of();
  }

  private static boolean hasPrefix(Map<String, List<String>> form, String prefix) {
    return form.keySet().stream().anyMatch(k -> k.startsWith(prefix));
  }

  /** A list parameter, singular ({@code Name.N}) or plural ({@code Names.N}). */
  private static List<String> list(Map<String, List<String>> form, String name) {
    List<String> out = Ec2Api.indexed(form, name);
    return out.isEmpty() ? Ec2Api.indexed(form, name + "s") : out;
  }

  private static String required(Map<String, List<String>> form, String name) {
    String v = first(form, name);
    if (v == null) {
      throw SimError.explicit(
          "MissingParameter", 400, "The request must contain the parameter " + name);
    }
    return v;
  }

  private static int intOr(String v, int fallback) {
    return v == null ? fallback : Integer.parseInt(v);
  }
}
