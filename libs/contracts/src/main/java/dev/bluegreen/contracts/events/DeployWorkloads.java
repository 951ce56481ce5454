package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.Command;

/**
 * Deployer: register green with Argo CD and wait until its applications are Synced and Healthy.
 *
 * @param commandId unique id of this command
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param greenCluster the green cluster
 */
public record DeployWorkloads(
    String commandId, String upgradeId, String cluster, String greenCluster) implements Command {}
