package dev.bluegreen.contracts;

/** Something a person asked of the orchestrator through its API. */
public interface Request extends UpgradeEvent {}
