package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.Fact;

/**
 * Traffic shifter: the rule's weights were read back and held for the settle time.
 *
 * @param commandId commandId of the command this fact answers
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param greenCluster the green cluster
 * @param stepIndex index of the step in the plan
 * @param blueWeight verified blue weight
 * @param greenWeight verified green weight
 */
public record TrafficWeightSet(
    String commandId,
    String upgradeId,
    String cluster,
    String greenCluster,
    int stepIndex,
    int blueWeight,
    int greenWeight)
    implements Fact {}
