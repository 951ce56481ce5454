package dev.bluegreen.contracts;

/** Something a phase service observed or did, in answer to a command. */
public interface Fact extends UpgradeEvent {
  /** The command this fact answers. */
  String commandId();

  /** The green cluster of this upgrade. */
  String greenCluster();
}
