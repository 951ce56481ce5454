package dev.bluegreen.contracts;

/** An instruction from the orchestrator to one phase service. */
public interface Command extends UpgradeEvent {
  /** Unique per command; a service seeing the same id twice does the work once. */
  String commandId();

  /** The green cluster of this upgrade. */
  String greenCluster();
}
