package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.Fact;

/**
 * Deployer: green is no longer registered with Argo CD.
 *
 * @param commandId commandId of the command this fact answers
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param greenCluster the green cluster
 */
public record GreenDeregistered(
    String commandId, String upgradeId, String cluster, String greenCluster) implements Fact {}
