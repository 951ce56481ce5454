package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.Command;

/**
 * Traffic shifter: compare green with blue using a named analysis.
 *
 * @param commandId unique id of this command
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param greenCluster the green cluster
 * @param stepIndex index of the step in the plan
 * @param analysis name of the analysis
 */
public record RunAnalysis(
    String commandId,
    String upgradeId,
    String cluster,
    String greenCluster,
    int stepIndex,
    String analysis)
    implements Command {}
