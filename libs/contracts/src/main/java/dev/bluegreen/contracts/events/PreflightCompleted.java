package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.Fact;
import java.util.List;

/**
 * Provisioner: the pre-flight checks ran; passed is false when any check failed.
 *
 * @param commandId commandId of the command this fact answers
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param greenCluster the green cluster
 * @param passed true when no check failed
 * @param checks every check run
 */
public record PreflightCompleted(
    String commandId,
    String upgradeId,
    String cluster,
    String greenCluster,
    boolean passed,
    List<Check> checks)
    implements Fact {}
