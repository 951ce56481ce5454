package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.AuditEntry;
import dev.bluegreen.contracts.OptionalField;
import java.time.Instant;

/**
 * Orchestrator: an input was not applied: it made no sense in the state, or was a duplicate.
 *
 * @param upgradeId the upgrade the input named, if any
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param state the state at the time, if an upgrade existed
 * @param cause the input
 * @param actor who sent the input
 * @param reason why it was not applied
 * @param duplicate true when the input was a duplicate and simply ignored
 * @param activeUpgradeId the upgrade already active on the cluster, when that is the reason
 * @param at when the orchestrator decided
 * @param input the input exactly as decide saw it, for deterministic replay
 */
public record InputRejected(
    @OptionalField String upgradeId,
    String cluster,
    @OptionalField UpgradeState state,
    Cause cause,
    String actor,
    String reason,
    @OptionalField boolean duplicate,
    @OptionalField String activeUpgradeId,
    Instant at,
    @OptionalField RecordedInput input)
    implements AuditEntry {}
