package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.AuditEntry;
import dev.bluegreen.contracts.OptionalField;
import java.time.Instant;
import java.util.List;

/**
 * Orchestrator: the upgrade moved from one state to another, or acted within one.
 *
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param from state before; absent for the first entry
 * @param to state after
 * @param cause the input that caused it
 * @param actor who or what caused it
 * @param reason why, in words
 * @param at when the orchestrator decided
 * @param decisionVersion version of the decision logic that decided
 * @param stepIndex current traffic step, while shifting
 * @param commands commands sent as a result
 * @param currentVersion blue's version
 * @param targetVersion the version green gets
 * @param stepCount number of traffic steps in the plan
 * @param input the input exactly as decide saw it, for deterministic replay
 */
public record UpgradeTransitioned(
    String upgradeId,
    String cluster,
    @OptionalField UpgradeState from,
    UpgradeState to,
    Cause cause,
    String actor,
    String reason,
    Instant at,
    int decisionVersion,
    @OptionalField Integer stepIndex,
    List<CommandRef> commands,
    @OptionalField String currentVersion,
    @OptionalField String targetVersion,
    @OptionalField Integer stepCount,
    @OptionalField RecordedInput input)
    implements AuditEntry {}
