package dev.bluegreen.decommissioner.core;

import java.util.Map;

/** What to do next, as {@link Plan#next} decides it from what exists. */
public sealed interface Step {

  /** Something is in progress in the cloud (updating, deleting): look again later. */
  record Await(Stage stage, String what) implements Step {}

  /** Nothing of blue is left. */
  record Done() implements Step {}

  /** Blue is in a state the plan cannot move on from. */
  record Blocked(Failure failure) implements Step {}

  /**
   * A destructive call; the guards are checked right before it.
   *
   * @param stage the stage it belongs to
   * @param kind what the call does
   * @param target the resource (name or ARN) it addresses, also the key for bounded retries
   * @param detail extra input: for a rule, the target groups and weights to keep
   */
  record Act(Stage stage, Action kind, String target, Map<String, Integer> detail) implements Step {
    public Act {
      detail = Map.copyOf(detail);
    }

    /** An action without extra input. */
    public static Act of(Stage stage, Action kind, String target) {
      return new Act(stage, kind, target, Map.of());
    }
  }

  /** The destructive calls the service makes. */
  enum Action {
    /** UpdateNodegroupConfig min 0 / desired 0 (target = node group name). */
    SCALE_NODEGROUP_TO_ZERO,
    /** DeleteNodegroup (target = node group name). */
    DELETE_NODEGROUP,
    /** DeleteAddon (target = add-on name). */
    DELETE_ADDON,
    /** RevokeSecurityGroupIngress (target = {@code <group id>/<rule id>}). */
    REVOKE_SHARED_RULE,
    /** DeleteCluster (target = cluster name). */
    DELETE_CLUSTER,
    /** DeleteLaunchTemplate (target = launch template id). */
    DELETE_LAUNCH_TEMPLATE,
    /** ModifyRule forwarding only to {@code detail} (target = rule ARN). */
    DETACH_TARGET_GROUP,
    /** DeleteTargetGroup (target = target group ARN). */
    DELETE_TARGET_GROUP,
    /** Delete the Argo CD cluster secret (target = namespace/name). */
    DELETE_ARGOCD_SECRET
  }
}
