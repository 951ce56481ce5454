package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.Command;

/**
 * Provisioner: check that the upgrade can go ahead, creating nothing.
 *
 * @param commandId unique id of this command
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param greenCluster the green cluster
 * @param targetVersion the Kubernetes version green gets
 */
public record RunPreflight(
    String commandId, String upgradeId, String cluster, String greenCluster, String targetVersion)
    implements Command {}
