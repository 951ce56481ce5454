package dev.bluegreen.contracts;

/** Anything that travels on our topics: it concerns one upgrade of one cluster. */
public interface UpgradeEvent {
  /** The upgrade, or null for an audit entry about an input that named none. */
  String upgradeId();

  /**
   * The blue cluster: the EKS cluster being replaced. The Kafka key and the CloudEvent subject are
   * its logical cluster ({@link Request#logicalCluster()}), the same name for a first generation.
   */
  String cluster();
}
