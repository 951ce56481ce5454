package dev.bluegreen.contracts;

/** One line of the audit log: what the orchestrator decided about one input. */
public interface AuditEntry extends UpgradeEvent {}
