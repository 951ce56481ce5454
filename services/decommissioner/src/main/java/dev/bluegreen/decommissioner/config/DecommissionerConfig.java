package dev.bluegreen.decommissioner.config;

import dev.bluegreen.contracts.naming.ClusterTags;
import dev.bluegreen.contracts.naming.PhysicalNames;
import dev.bluegreen.decommissioner.core.Conventions;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the decommissioner finds blue and how patient it is. Prefix {@code bluegreen.decommissioner}.
 */
@ConfigMapping(prefix = "bluegreen.decommissioner")
public interface DecommissionerConfig {

  /** Name of a cluster's target group; {@code {cluster}} is replaced by the cluster name. */
  @WithDefault(PhysicalNames.DEFAULT_TARGET_GROUP_PATTERN)
  String targetGroupNamePattern();

  /** Tag on a target group (and label on an Argo CD cluster secret) naming its cluster. */
  @WithDefault(ClusterTags.CLUSTER)
  String clusterTagKey();

  /** Tag the provisioner puts on what it creates for an upgrade; this upgrade's never goes. */
  @WithDefault(ClusterTags.UPGRADE_ID)
  String upgradeIdTagKey();

  /** A resource carrying this tag (any value) is never deleted. */
  @WithDefault(ClusterTags.PROTECTED)
  String protectTagKey();

  /** Add-ons deleted explicitly before the cluster ({@code *}: all); the rest go with it. */
  @WithDefault("*")
  List<String> addonsToDelete();

  /** How often to look again while the cloud is busy (scaling, deleting). */
  @WithDefault("PT15S")
  Duration pollInterval();

  /** How long one command may take in all before it is reported as timed out (retryable). */
  @WithDefault("PT90M")
  Duration timeout();

  /** Calls of one destructive action (e.g. deleting one node group) before giving up. */
  @WithDefault("3")
  int maxAttemptsPerAction();

  /** An early command is refused as retryable when at most this much time is left (skew). */
  @WithDefault("PT15M")
  Duration earlyRetryableWithin();

  /** Refuse a command that names no approver (set where the decommission gate is enabled). */
  @WithDefault("false")
  boolean requireApproval();

  /** Namespace of Argo CD on the management cluster. */
  @WithDefault("argocd")
  String argocdNamespace();

  /** Kubernetes API of the management cluster; absent: in-cluster service account. */
  Optional<String> managementKubernetesUrl();

  /** The fleet's conventions as the core sees them. */
  default Conventions conventions() {
    return new Conventions(
        clusterTagKey(), targetGroupNamePattern(), upgradeIdTagKey(), protectTagKey());
  }
}
