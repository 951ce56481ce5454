package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.Fact;
import java.util.List;

/**
 * Provisioner: nothing created for this upgrade's green cluster is left.
 *
 * @param commandId commandId of the command this fact answers
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param greenCluster the green cluster
 * @param deleted what was deleted
 */
public record GreenCleanedUp(
    String commandId, String upgradeId, String cluster, String greenCluster, List<String> deleted)
    implements Fact {}
