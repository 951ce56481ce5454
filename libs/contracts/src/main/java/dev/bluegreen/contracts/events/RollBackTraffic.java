package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.Command;

/**
 * Traffic shifter: send 100% back to blue and verify it.
 *
 * @param commandId unique id of this command
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param greenCluster the green cluster
 */
public record RollBackTraffic(
    String commandId, String upgradeId, String cluster, String greenCluster) implements Command {}
