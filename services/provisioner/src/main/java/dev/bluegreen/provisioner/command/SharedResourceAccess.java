package dev.bluegreen.provisioner.command;

import dev.bluegreen.cloud.SecurityGroupRules;
import dev.bluegreen.contracts.naming.ClusterTags;
import dev.bluegreen.contracts.naming.SharedRules;
import dev.bluegreen.contracts.naming.SharedRules.IngressRule;
import dev.bluegreen.contracts.naming.SharedRules.MirrorPlan;
import dev.bluegreen.messaging.PhaseReport;
import dev.bluegreen.provisioner.cloud.EksClusters;
import dev.bluegreen.provisioner.cloud.GreenFailure;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Shared resources (databases, caches) that admit blue through security-group rules referencing
 * blue's cluster security group: each such rule is mirrored for green's group before green is
 * reported ready ({@link SharedRules#plan}: looked up before anything is written, so a redelivered
 * command or a restart adds nothing twice), and green's mirrors are revoked when green is cleaned
 * up. Rules whose group forbids mirroring, or all of them with mirroring switched off, are listed
 * in a progress fact for a person.
 */
public final class SharedResourceAccess {

  private final EksClusters eks;
  private final SecurityGroupRules rules;
  private final boolean mirroringOn;

  public SharedResourceAccess(EksClusters eks, SecurityGroupRules rules, boolean mirroringOn) {
    this.eks = eks;
    this.rules = rules;
    this.mirroringOn = mirroringOn;
  }

  /** Admits green wherever blue is admitted; reports what it added and what it may not add. */
  public void admitGreen(String upgradeId, String blue, String green, PhaseReport report) {
    report.step("looking for shared resources that admit " + blue);
    String blueGroup = groupOf(blue);
    String greenGroup = groupOf(green);
    MirrorPlan plan =
        SharedRules.plan(
            upgradeId,
            green,
            blueGroup,
            greenGroup,
            rules.inGroupsReferencing(blueGroup),
            mirroringOn);
    int total = plan.present().size() + plan.toAdd().size() + plan.refused().size();
    if (total == 0) {
      return;
    }
    int done = plan.present().size();
    for (SharedRules.Mirror m : plan.toAdd()) {
      report.step("admitting " + green + " like " + m.original().describe());
      rules.authorizeLike(m.original(), greenGroup, m.tags());
      done++;
    }
    report.progress(
        "shared-rules-mirrored",
        done,
        total,
        "Green's security group "
            + greenGroup
            + " is admitted by "
            + done
            + " of "
            + total
            + " shared-resource rules that admit blue's "
            + blueGroup
            + (plan.toAdd().isEmpty() ? "" : " (" + plan.toAdd().size() + " added now)"));
    if (!plan.refused().isEmpty()) {
      report.progress(
          "shared-rules-for-a-person",
          plan.refused().size(),
          total,
          "Not mirrored, a person must admit "
              + greenGroup
              + " or decide otherwise: "
              + plan.refused().stream()
                  .map(r -> r.original().describe() + ": " + r.reason())
                  .collect(Collectors.joining("; ")));
    }
  }

  /**
   * Revokes the rules mirrored for green by this upgrade (found by their tags, whether green's
   * cluster still exists or not); gone already is done. Returns {@code rule/<id>} per revoked rule.
   */
  public List<String> revokeGreenMirrors(String upgradeId, String green, PhaseReport report) {
    List<IngressRule> mirrors =
        SharedRules.mirrorsFor(upgradeId, green, rules.tagged(ClusterTags.CLUSTER, green));
    for (IngressRule r : mirrors) {
      report.step("revoking green's mirror " + r.describe());
      rules.revoke(r);
    }
    if (!mirrors.isEmpty()) {
      report.progress(
          "shared-rules-revoked",
          mirrors.size(),
          mirrors.size(),
          "Revoked green's " + mirrors.size() + " mirrored shared-resource rules");
    }
    return mirrors.stream().map(r -> "security-group-rule/" + r.ruleId()).toList();
  }

  private String groupOf(String cluster) {
    return eks.clusterSecurityGroup(cluster)
        .orElseThrow(
            () ->
                new GreenFailure(
                    "ClusterSecurityGroupUnknown",
                    "EKS names no cluster security group for " + cluster,
                    true,
                    Map.of("cluster", cluster)));
  }
}
