package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.Command;

/**
 * Traffic shifter: set green's absolute weight and verify it by reading the rule back.
 *
 * @param commandId unique id of this command
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param greenCluster the green cluster
 * @param stepIndex index of the step in the plan
 * @param greenWeight green's absolute weight in percent
 */
public record SetTrafficWeight(
    String commandId,
    String upgradeId,
    String cluster,
    String greenCluster,
    int stepIndex,
    int greenWeight)
    implements Command {}
