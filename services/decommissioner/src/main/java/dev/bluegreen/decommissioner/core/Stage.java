package dev.bluegreen.decommissioner.core;

/** The stages of retiring blue, in the order they run; each is reported as progress. */
public enum Stage {
  /** Scale blue's managed node groups to 0; EKS drains their nodes respecting PDBs. */
  SCALE_DOWN_NODEGROUPS("scale-down-nodegroups"),
  /** Delete the (empty) node groups and wait until they are gone. */
  DELETE_NODEGROUPS("delete-nodegroups"),
  /** Delete the add-ons that must go before the cluster. */
  DELETE_ADDONS("delete-addons"),
  /**
   * Revoke shared resources' rules that admit blue's cluster security group and were mirrored for
   * green (green's mirrors stay), so that the group can be deleted with the cluster.
   */
  REVOKE_SHARED_RULES("revoke-shared-rules"),
  /** Delete the cluster and wait until it is gone. */
  DELETE_CLUSTER("delete-cluster"),
  /**
   * Delete the launch templates the provisioner copied for blue's node groups when blue was green
   * (never a team's own); only once the cluster, and so its node groups, is gone.
   */
  DELETE_LAUNCH_TEMPLATES("delete-launch-templates"),
  /** Remove blue's (weight 0) target group from the listener rule, green keeping its weight. */
  DETACH_TARGET_GROUP("detach-target-group"),
  /** Delete blue's target group. */
  DELETE_TARGET_GROUP("delete-target-group"),
  /** Delete blue's Argo CD cluster secret on the management cluster. */
  DEREGISTER_ARGOCD("deregister-argocd");

  private final String step;

  Stage(String step) {
    this.step = step;
  }

  /** The step name in {@code PhaseProgressed}. */
  public String step() {
    return step;
  }

  /** 1-based position, for {@code PhaseProgressed.done}. */
  public int number() {
    return ordinal() + 1;
  }

  /** How many stages there are, for {@code PhaseProgressed.total}. */
  public static int count() {
    return values().length;
  }
}
