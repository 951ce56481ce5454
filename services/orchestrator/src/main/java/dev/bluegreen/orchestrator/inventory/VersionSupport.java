package dev.bluegreen.orchestrator.inventory;

import java.time.LocalDate;

/**
 * One Kubernetes version as EKS DescribeClusterVersions reports it.
 *
 * @param version the minor version, e.g. 1.33
 * @param status STANDARD_SUPPORT, EXTENDED_SUPPORT or UNSUPPORTED
 * @param endOfStandardSupport the last day of standard support, if known
 * @param endOfExtendedSupport the last day of extended support, if known
 */
public record VersionSupport(
    String version, String status, LocalDate endOfStandardSupport, LocalDate endOfExtendedSupport) {

  /** Whether EKS creates clusters at this version (standard or extended support). */
  public boolean supported() {
    return "STANDARD_SUPPORT".equals(status) || "EXTENDED_SUPPORT".equals(status);
  }
}
