package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.Command;

/**
 * Deployer: move scheduled work from one side to the other, never running on both.
 *
 * @param commandId unique id of this command
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param greenCluster the green cluster
 * @param direction which way
 */
public record HandOverCronJobs(
    String commandId,
    String upgradeId,
    String cluster,
    String greenCluster,
    HandoverDirection direction)
    implements Command {}
