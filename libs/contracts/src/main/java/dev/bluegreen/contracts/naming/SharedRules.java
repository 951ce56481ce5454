package dev.bluegreen.contracts.naming;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Shared resources (databases, caches) admit a cluster through EC2 security-group rules that
 * reference the cluster's security group. A green cluster gets a new group, so each such rule is
 * mirrored for green before traffic moves, tagged so it can be found again: revoked with green on
 * clean-up, and its original revoked when blue retires. Pure: the provisioner and the
 * decommissioner decide on the rules they read with these functions.
 */
public final class SharedRules {

  /** On a mirrored rule: the id of the rule it mirrors ({@code sgr-...}). */
  public static final String MIRRORS = "bluegreen.dev/mirrors";

  /**
   * On a security group: {@value #NEVER} forbids mirroring its rules; they are listed for a person
   * instead.
   */
  public static final String MIRROR_POLICY = "bluegreen.dev/mirror";

  /** Value of {@link #MIRROR_POLICY} that forbids mirroring. */
  public static final String NEVER = "never";

  private SharedRules() {}

  /**
   * One ingress rule as EC2 describes it.
   *
   * @param ruleId {@code sgr-...}
   * @param groupId the group it belongs to (the shared resource's)
   * @param protocol {@code tcp}, {@code udp}, {@code -1}, ...
   * @param fromPort first port ({@code -1} for all)
   * @param toPort last port
   * @param referencedGroupId the group it admits, or null for a CIDR rule
   * @param tags the rule's tags
   * @param groupTags the tags of the group it belongs to
   */
  public record IngressRule(
      String ruleId,
      String groupId,
      String protocol,
      int fromPort,
      int toPort,
      String referencedGroupId,
      Map<String, String> tags,
      Map<String, String> groupTags) {
    public IngressRule {
      tags = Map.copyOf(tags == null ? Map.of() : tags);
      groupTags = Map.copyOf(groupTags == null ? Map.of() : groupTags);
    }

    /** Same protocol and ports (what EC2 would call a duplicate with the same source). */
    public boolean samePorts(IngressRule o) {
      return protocol.equals(o.protocol) && fromPort == o.fromPort && toPort == o.toPort;
    }

    /** {@code sg-db tcp 5432-5432 (sgr-...)}, for people. */
    public String describe() {
      String ports =
          "-1".equals(protocol) ? "all traffic" : protocol + " " + fromPort + "-" + toPort;
      return groupId + " " + ports + " (" + ruleId + ")";
    }
  }

  /** A rule to add for green: the same permission as {@code original}, from green's group. */
  public record Mirror(IngressRule original, Map<String, String> tags) {}

  /** A rule referencing blue that is not mirrored, and why: a person must decide. */
  public record Refused(IngressRule original, String reason) {}

  /**
   * What mirroring blue's rules for green needs.
   *
   * @param toAdd rules to authorize for green
   * @param present blue's rules that green is already admitted by (a mirror added earlier)
   * @param refused blue's rules not mirrored, with the reason
   */
  public record MirrorPlan(List<IngressRule> present, List<Mirror> toAdd, List<Refused> refused) {
    public MirrorPlan {
      present = List.copyOf(present);
      toAdd = List.copyOf(toAdd);
      refused = List.copyOf(refused);
    }

    /** For a progress fact's evidence: each refused rule and its reason. */
    public List<Map<String, String>> refusedEvidence() {
      return refused.stream()
          .map(
              r -> {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("rule", r.original().ruleId());
                m.put("group", r.original().groupId());
                m.put("permission", r.original().describe());
                m.put("reason", r.reason());
                return m;
              })
          .toList();
    }
  }

  /**
   * The rules to add so that green is admitted wherever blue is.
   *
   * @param upgradeId the upgrade (tag {@link ClusterTags#UPGRADE_ID})
   * @param green green's cluster name (tag {@link ClusterTags#CLUSTER})
   * @param blueGroup blue's cluster security group
   * @param greenGroup green's cluster security group
   * @param rules every ingress rule of the groups that reference blue's group (so green's mirrors
   *     in those groups are among them)
   * @param mirroringOn the service's switch; off lists every rule for a person
   */
  public static MirrorPlan plan(
      String upgradeId,
      String green,
      String blueGroup,
      String greenGroup,
      List<IngressRule> rules,
      boolean mirroringOn) {
    List<IngressRule> present = new ArrayList<>();
    List<Mirror> toAdd = new ArrayList<>();
    List<Refused> refused = new ArrayList<>();
    for (IngressRule r : rules) {
      if (!blueGroup.equals(r.referencedGroupId())) {
        continue;
      }
      boolean admitted =
          rules.stream()
              .anyMatch(
                  g ->
                      g.groupId().equals(r.groupId())
                          && greenGroup.equals(g.referencedGroupId())
                          && g.samePorts(r));
      if (admitted) {
        present.add(r);
      } else if (!mirroringOn) {
        refused.add(new Refused(r, "mirroring is switched off for this platform"));
      } else if (NEVER.equals(r.groupTags().get(MIRROR_POLICY))) {
        refused.add(
            new Refused(r, "group " + r.groupId() + " is tagged " + MIRROR_POLICY + "=" + NEVER));
      } else {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(ClusterTags.UPGRADE_ID, upgradeId);
        tags.put(ClusterTags.CLUSTER, green);
        tags.put(MIRRORS, r.ruleId());
        toAdd.add(new Mirror(r, tags));
      }
    }
    return new MirrorPlan(present, toAdd, refused);
  }

  /**
   * Green's mirrors, made for this upgrade: what clean-up of green revokes (before green's cluster,
   * whose group they reference, is deleted).
   */
  public static List<IngressRule> mirrorsFor(
      String upgradeId, String green, List<IngressRule> rules) {
    return rules.stream()
        .filter(r -> r.tags().containsKey(MIRRORS))
        .filter(r -> green.equals(r.tags().get(ClusterTags.CLUSTER)))
        .filter(r -> upgradeId.equals(r.tags().get(ClusterTags.UPGRADE_ID)))
        .toList();
  }

  /**
   * Blue's rules that were mirrored (some rule is tagged {@link #MIRRORS} with their id): what
   * retiring blue revokes, so that blue's group can be deleted. Green's mirrors stay.
   *
   * @param blueGroup blue's cluster security group
   * @param rules every ingress rule of the groups that reference blue's group
   */
  public static List<IngressRule> mirroredOriginals(String blueGroup, List<IngressRule> rules) {
    Set<String> mirrored =
        rules.stream()
            .map(r -> r.tags().get(MIRRORS))
            .filter(Objects::nonNull)
            .collect(Collectors.toSet());
    return rules.stream()
        .filter(r -> blueGroup.equals(r.referencedGroupId()) && mirrored.contains(r.ruleId()))
        .toList();
  }

  /** Blue's rules that were not mirrored: they keep blue's group from being deleted. */
  public static List<IngressRule> unmirroredOriginals(String blueGroup, List<IngressRule> rules) {
    List<IngressRule> mirrored = mirroredOriginals(blueGroup, rules);
    return rules.stream()
        .filter(r -> blueGroup.equals(r.referencedGroupId()) && !mirrored.contains(r))
        .toList();
  }
}
