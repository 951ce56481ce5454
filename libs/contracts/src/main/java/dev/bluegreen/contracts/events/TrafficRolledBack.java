package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.Fact;

/**
 * Traffic shifter: the rule sends 100% to blue, verified by reading back.
 *
 * @param commandId commandId of the command this fact answers
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param greenCluster the green cluster
 * @param blueWeight verified blue weight
 * @param greenWeight verified green weight
 */
public record TrafficRolledBack(
    String commandId,
    String upgradeId,
    String cluster,
    String greenCluster,
    int blueWeight,
    int greenWeight)
    implements Fact {}
