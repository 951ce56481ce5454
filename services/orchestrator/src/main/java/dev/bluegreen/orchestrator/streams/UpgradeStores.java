package dev.bluegreen.orchestrator.streams;

/** Names of the orchestrator's state stores, queried by the REST layer. */
public final class UpgradeStores {

  private UpgradeStores() {}

  /** Cluster → its latest (possibly ended) upgrade: the state machine's own state. */
  public static final String BY_CLUSTER = "upgrade-by-cluster";

  /** Upgrade id → that upgrade's latest status (every upgrade, dry runs included). */
  public static final String BY_ID = "upgrade-by-id";

  /** Upgrade id → its audit trail. */
  public static final String AUDIT = "upgrade-audit-by-id";

  /** Upgrade id → the W3C trace its events belong to (see {@link UpgradeTraces}). */
  public static final String TRACES = "upgrade-trace-by-id";
}
