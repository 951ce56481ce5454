package dev.bluegreen.orchestrator.security;

import dev.bluegreen.contracts.events.StepType;
import dev.bluegreen.contracts.events.UpgradePlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The policies a cluster is under (by its EKS tags), and what they make of a request: a request may
 * tighten them, never loosen them. Pure: tags and plans in, refusals out.
 */
public final class Policies {

  /**
   * A request that loosens a policy.
   *
   * @param policy the policy's name
   * @param field the request field to blame
   * @param detail what the policy requires and what the request asked for
   */
  public record Refusal(String policy, String field, String detail) {}

  private final Map<String, SecurityConfig.Policy> policies;

  public Policies(Map<String, SecurityConfig.Policy> policies) {
    // Sorted, so the first refusal named is the same every time.
    this.policies = new TreeMap<>(policies);
  }

  /** The names of the policies a cluster with {@code tags} is under. */
  public List<String> applying(Map<String, String> tags) {
    List<String> names = new ArrayList<>();
    policies.forEach(
        (name, p) -> {
          if (p.tags().entrySet().stream()
              .allMatch(t -> t.getValue().equals(tags.get(t.getKey())))) {
            names.add(name);
          }
        });
    return names;
  }

  /** The first policy that requires four eyes for a cluster with {@code tags}, if any. */
  public Optional<String> fourEyes(Map<String, String> tags) {
    return applying(tags).stream().filter(n -> policies.get(n).fourEyes()).findFirst();
  }

  /** Every way {@code plan} loosens a policy of a cluster with {@code tags}. */
  public List<Refusal> check(UpgradePlan plan, Map<String, String> tags) {
    List<Refusal> refusals = new ArrayList<>();
    for (String name : applying(tags)) {
      SecurityConfig.Policy p = policies.get(name);
      if (p.requireApprovalBeforeShift()
          && !Boolean.TRUE.equals(plan.approvalGates().beforeShift())) {
        refusals.add(
            new Refusal(
                name,
                "approvalGates.beforeShift",
                "policy '" + name + "' requires the approval gate before the first traffic shift"));
      }
      if (p.requireApprovalBeforeDecommission()
          && !Boolean.TRUE.equals(plan.approvalGates().beforeDecommission())) {
        refusals.add(
            new Refusal(
                name,
                "approvalGates.beforeDecommission",
                "policy '" + name + "' requires the approval gate before blue is decommissioned"));
      }
      Optional<Duration> min = p.minRetention();
      if (min.isPresent()
          && plan.retention() != null
          && plan.retention().compareTo(min.get()) < 0) {
        refusals.add(
            new Refusal(
                name,
                "retention",
                "policy '"
                    + name
                    + "' requires a retention of at least "
                    + min.get()
                    + "; the request asks for "
                    + plan.retention()));
      }
      if (p.requireAnalysis()
          && plan.steps().stream().noneMatch(s -> s.type() == StepType.ANALYSIS)) {
        refusals.add(
            new Refusal(
                name,
                "steps",
                "policy '"
                    + name
                    + "' requires at least one analysis step among the traffic steps"));
      }
    }
    return refusals;
  }
}
