package dev.bluegreen.decommissioner.core;

/**
 * How much of blue's estate an observation reads. The first observation of a command reads
 * everything (the ties, the inventory and a dry run need it all); after that, {@link Plan#scopeFor}
 * picks from the freshly read cluster what the plan can still need, because blue's estate is read
 * after every step and while waiting, and reading what cannot change the next step costs the most
 * CPU of the service. What is left out is not tied or planned on until it is read again, which
 * happens before anything is done to it.
 */
public enum EstateScope {
  /** Blue's cluster only: it is DELETING, and the plan waits on nothing else. */
  CLUSTER,
  /**
   * The cluster and its node groups, and its add-ons once no node group is left ({@link
   * Plan#needsAddons}): while the cluster exists, the plan looks at nothing else (the target group,
   * its rules and the Argo CD secret go only after the cluster).
   */
  EKS,
  /**
   * Everything: the cluster (if any), node groups, add-ons, target group, rules, Argo CD secret,
   * the launch templates made for blue.
   */
  ALL
}
