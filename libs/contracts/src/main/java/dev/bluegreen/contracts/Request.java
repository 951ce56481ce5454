package dev.bluegreen.contracts;

/**
 * Something a person asked of the orchestrator through its API. A request names the logical cluster
 * it is about, which is its Kafka key and CloudEvent subject.
 */
public interface Request extends UpgradeEvent {
  /**
   * The logical cluster (what a team calls "search-002"): the Kafka key and CloudEvent subject of
   * every event of the upgrade. Equal to {@link #cluster()} for a cluster's first generation.
   */
  String logicalCluster();
}
