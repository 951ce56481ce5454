package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.Fact;
import dev.bluegreen.contracts.OptionalField;
import java.util.Map;

/**
 * Any phase service: the command could not be carried out.
 *
 * @param commandId commandId of the command this fact answers
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param greenCluster the green cluster
 * @param phase the phase
 * @param reason human-readable reason
 * @param errorCode machine-readable code, e.g. the AWS error code
 * @param retryable whether trying again may help
 * @param evidence what was seen
 */
public record PhaseFailed(
    String commandId,
    String upgradeId,
    String cluster,
    String greenCluster,
    Phase phase,
    String reason,
    @OptionalField String errorCode,
    @OptionalField boolean retryable,
    @OptionalField Map<String, Object> evidence)
    implements Fact {}
