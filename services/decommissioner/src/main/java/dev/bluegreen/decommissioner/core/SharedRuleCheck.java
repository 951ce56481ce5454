package dev.bluegreen.decommissioner.core;

import dev.bluegreen.contracts.naming.SharedRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Before anything of blue is deleted: no shared resource's rule that the platform may not change
 * still admits blue's security group. Such a rule was not mirrored for green (its group is not ours
 * to change, by policy: {@code bluegreen.dev/mirror=never}, or mirroring is off), so the
 * provisioner listed it for a person; retiring blue while it stands would leave blue's group
 * behind, referenced and undeletable. The person revokes it (green got its own rule, or does not
 * need one) and retries the upgrade; nothing was deleted meanwhile.
 */
public final class SharedRuleCheck {

  /** Error code of the failure. */
  public static final String CODE = "SHARED_RULES_FOR_A_PERSON";

  private SharedRuleCheck() {}

  /** The failure to report, or empty when no such rule admits blue. */
  public static Optional<Failure> check(Blue blue, BlueEstate estate) {
    List<SharedRules.IngressRule> left = estate.sharedRulesForAPerson();
    if (left.isEmpty()) {
      return Optional.empty();
    }
    List<String> rules =
        left.stream()
            .map(
                r ->
                    r.groupId()
                        + "/"
                        + r.ruleId()
                        + " ("
                        + r.protocol()
                        + " "
                        + r.fromPort()
                        + (r.toPort() == r.fromPort() ? "" : "-" + r.toPort())
                        + ")")
            .toList();
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("blueSecurityGroup", left.get(0).referencedGroupId());
    evidence.put("rules", rules);
    return Optional.of(
        new Failure(
            rules.size()
                + " shared resource rule(s) that the platform may not change still admit "
                + blue.cluster()
                + "'s security group "
                + left.get(0).referencedGroupId()
                + ": "
                + String.join(", ", rules)
                + ". Revoke them (green has its own rule or needs none), then retry the upgrade;"
                + " nothing of blue was deleted",
            CODE,
            false,
            evidence));
  }
}
