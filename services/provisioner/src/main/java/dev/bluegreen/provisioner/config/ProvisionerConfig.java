package dev.bluegreen.provisioner.config;

import dev.bluegreen.contracts.naming.PhysicalNames;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the provisioner checks and builds green. Prefix {@code bluegreen.provisioner}. */
@ConfigMapping(prefix = "bluegreen.provisioner")
public interface ProvisionerConfig {

  /**
   * VPC IPs one green node takes with its pods (VPC CNI without prefix delegation: 1 + max pods,
   * e.g. 30 for m5.large); the free-IP check multiplies node counts by it.
   */
  @WithDefault("30")
  int ipsPerNode();

  /**
   * Where free subnet IPs are read: {@code ec2} (DescribeSubnets) or {@code none} (the check warns
   * that it could not tell, e.g. against a simulator without EC2).
   */
  @WithDefault("ec2")
  String subnetFreeIpsSource();

  /** Shared resources' security-group rules that admit blue (mirrored for green). */
  SharedRulesConfig sharedRules();

  /** Mirroring of shared resources' rules. */
  interface SharedRulesConfig {
    /**
     * Whether EC2 ingress rules that reference blue's cluster security group are mirrored for
     * green's; off, they are only listed in a progress fact for a person (as are rules of a group
     * tagged {@code bluegreen.dev/mirror=never} either way).
     */
    @WithDefault("true")
    boolean mirror();
  }

  /** Account quotas (Service Quotas has the real values; these are the EKS defaults). */
  Quotas quotas();

  /** Waits for EKS resources: backoff and deadlines. */
  Waits waits();

  /** Account quotas used by the account-limits check. */
  interface Quotas {
    /** EKS clusters allowed per region (Service Quotas L-1194D53C). */
    @WithDefault("100")
    int clustersPerRegion();

    /** Managed node groups allowed per cluster (Service Quotas L-6D54EA21). */
    @WithDefault("30")
    int nodegroupsPerCluster();

    /**
     * How old a count of the region's clusters ({@code ListClusters}, every page) may be when
     * concurrent pre-flights share it; {@code PT0S} counts afresh for each (still one at a time).
     */
    @WithDefault("PT10S")
    Duration clusterCountMaxAge();
  }

  /**
   * Name of a cluster's ALB target group, {@code {cluster}} replaced by the cluster's name. Green's
   * is created mirroring blue's; the traffic shifter, deployer and decommissioner use the same
   * convention (and the {@code bluegreen.dev/cluster} tag).
   */
  @WithDefault(PhysicalNames.DEFAULT_TARGET_GROUP_PATTERN)
  String targetGroupName();

  /** Backoff and deadlines of the waits. */
  interface Waits {
    /** First delay between two polls of a resource's status. */
    @WithDefault("PT5S")
    Duration initialPoll();

    /** Longest delay between two polls (exponential backoff with jitter up to it). */
    @WithDefault("PT30S")
    Duration maxPoll();

    /** Deadline for the cluster to become ACTIVE (EKS takes ~10-15 min). */
    @WithDefault("PT30M")
    Duration cluster();

    /** Deadline for each node group to become ACTIVE. */
    @WithDefault("PT25M")
    Duration nodegroup();

    /** Deadline for each add-on to become ACTIVE. */
    @WithDefault("PT10M")
    Duration addon();

    /** Deadline for each deletion during clean-up. */
    @WithDefault("PT30M")
    Duration deletion();
  }
}
