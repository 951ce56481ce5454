package dev.bluegreen.orchestrator.rest;

import dev.bluegreen.contracts.events.UpgradeState;

/**
 * The answer to an accepted request or control action.
 *
 * @param id the upgrade id
 * @param cluster the blue cluster
 * @param greenCluster the green cluster
 * @param state the state the decision moved the upgrade to
 * @param reason the decision's reason, as in the audit log
 * @param logicalCluster the logical cluster: green is its next generation
 */
public record Accepted(
    String id,
    String cluster,
    String greenCluster,
    UpgradeState state,
    String reason,
    String logicalCluster) {}
