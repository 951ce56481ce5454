package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.Fact;
import dev.bluegreen.contracts.OptionalField;

/**
 * Any phase service: progress on long work, for the people watching.
 *
 * @param commandId commandId of the command this fact answers
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param greenCluster the green cluster
 * @param phase the phase
 * @param step what is happening
 * @param done units done
 * @param total units in all
 * @param message human-readable progress
 */
public record PhaseProgressed(
    String commandId,
    String upgradeId,
    String cluster,
    String greenCluster,
    Phase phase,
    String step,
    @OptionalField Integer done,
    @OptionalField Integer total,
    String message)
    implements Fact {}
