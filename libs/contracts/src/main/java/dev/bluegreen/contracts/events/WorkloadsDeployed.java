package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.Fact;
import java.util.List;

/**
 * Deployer: every application generated for green is Synced and Healthy.
 *
 * @param commandId commandId of the command this fact answers
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param greenCluster the green cluster
 * @param applications green's applications
 */
public record WorkloadsDeployed(
    String commandId,
    String upgradeId,
    String cluster,
    String greenCluster,
    List<String> applications)
    implements Fact {}
