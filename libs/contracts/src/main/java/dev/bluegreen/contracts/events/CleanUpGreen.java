package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.Command;

/**
 * Provisioner: delete everything created for this upgrade's green cluster (found by tag).
 *
 * @param commandId unique id of this command
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param greenCluster the green cluster
 */
public record CleanUpGreen(String commandId, String upgradeId, String cluster, String greenCluster)
    implements Command {}
