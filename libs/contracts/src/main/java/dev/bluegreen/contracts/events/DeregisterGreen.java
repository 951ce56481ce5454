package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.Command;

/**
 * Deployer: remove green's Argo CD registration (its applications are pruned).
 *
 * @param commandId unique id of this command
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param greenCluster the green cluster
 */
public record DeregisterGreen(
    String commandId, String upgradeId, String cluster, String greenCluster) implements Command {}
