package dev.bluegreen.contracts;

/** Anything that travels on our topics: it concerns one upgrade of one cluster. */
public interface UpgradeEvent {
  /** The upgrade, or null for an audit entry about an input that named none. */
  String upgradeId();

  /** The blue cluster: the Kafka key and the CloudEvent subject. */
  String cluster();
}
