package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.Fact;
import java.util.List;

/**
 * Deployer: the smoke tests on green ran; passed is false when any failed.
 *
 * @param commandId commandId of the command this fact answers
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param greenCluster the green cluster
 * @param passed true when no check failed
 * @param checks every check run
 */
public record SmokeTestsCompleted(
    String commandId,
    String upgradeId,
    String cluster,
    String greenCluster,
    boolean passed,
    List<Check> checks)
    implements Fact {}
