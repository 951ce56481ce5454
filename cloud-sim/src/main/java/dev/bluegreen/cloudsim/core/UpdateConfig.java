package dev.bluegreen.cloudsim.core;

import java.util.List;
import java.util.Map;

/**
 * A node group's updateConfig: how many nodes an update may take down at once, as a count or a
 * percentage (never both), and the update strategy (DEFAULT or MINIMAL). Null fields are unset.
 */
public record UpdateConfig(
    Integer maxUnavailable, Integer maxUnavailablePercentage, String updateStrategy) {

  /** EKS: one of maxUnavailable (1-100 nodes) or maxUnavailablePercentage (1-100), not both. */
  void validate() {
    if (maxUnavailable != null && maxUnavailablePercentage != null) {
      throw SimError.invalid(
          "Only one of maxUnavailable or maxUnavailablePercentage can be specified in"
              + " updateConfig");
    }
    if (maxUnavailable != null && (maxUnavailable < 1 || maxUnavailable > 100)) {
      throw SimError.invalid("updateConfig.maxUnavailable must be between 1 and 100");
    }
    if (maxUnavailablePercentage != null
        && (maxUnavailablePercentage < 1 || maxUnavailablePercentage > 100)) {
      throw SimError.invalid("updateConfig.maxUnavailablePercentage must be between 1 and 100");
    }
    if (updateStrategy != null && !List.of("DEFAULT", "MINIMAL").contains(updateStrategy)) {
      throw SimError.invalid("updateConfig.updateStrategy must be DEFAULT or MINIMAL");
    }
  }

  /** A count replaces a percentage and the other way round; the strategy is kept unless given. */
  void applyTo(NodeGroup ng) {
    if (maxUnavailable != null) {
      ng.maxUnavailable = maxUnavailable;
      ng.maxUnavailablePercentage = null;
    } else if (maxUnavailablePercentage != null) {
      ng.maxUnavailablePercentage = maxUnavailablePercentage;
      ng.maxUnavailable = null;
    }
    if (updateStrategy != null) {
      ng.updateStrategy = updateStrategy;
    }
  }

  /** The fields that are set, as DescribeUpdate's params. */
  void addParams(Map<String, String> params) {
    if (maxUnavailable != null) {
      params.put("MaxUnavailable", String.valueOf(maxUnavailable));
    }
    if (maxUnavailablePercentage != null) {
      params.put("MaxUnavailablePercentage", String.valueOf(maxUnavailablePercentage));
    }
    if (updateStrategy != null) {
      params.put("UpdateStrategy", updateStrategy);
    }
  }
}
