package dev.bluegreen.orchestrator.cloud;

import dev.bluegreen.orchestrator.inventory.EksCluster;
import dev.bluegreen.orchestrator.inventory.VersionSupport;
import java.util.List;
import java.util.Optional;

/** Port: what EKS reports about the region's clusters and versions. Reads only, never a write. */
public interface EksFleet {

  /** EKS could not be asked (network, credentials, throttling): nothing is known. */
  final class Unavailable extends RuntimeException {
    public Unavailable(String detail, Throwable cause) {
      super(detail, cause);
    }
  }

  /** Whether EKS is asked at all; off (tests without a cloud), nothing is looked up. */
  boolean enabled();

  /** One cluster (DescribeCluster), empty if there is none of that name. */
  Optional<EksCluster> describe(String name);

  /**
   * Every cluster of the region whose name starts with {@code prefix} ("" for all), described; may
   * be a few seconds old.
   */
  List<EksCluster> clusters(String prefix);

  /** The version catalog (DescribeClusterVersions); may be minutes old. */
  List<VersionSupport> versions();
}
