package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.OptionalField;
import java.time.Duration;
import java.time.Instant;

/**
 * Decommissioner: retire blue after the retention window, checking guards against the cloud first.
 *
 * @param commandId unique id of this command
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param greenCluster the green cluster
 * @param greenFullSince when green started carrying 100%
 * @param retention the retention window that must have passed
 * @param approvedBy who passed the approval gate, if it applied
 * @param dryRun list what would be deleted, delete nothing
 */
public record DecommissionBlue(
    String commandId,
    String upgradeId,
    String cluster,
    String greenCluster,
    Instant greenFullSince,
    Duration retention,
    @OptionalField String approvedBy,
    @OptionalField boolean dryRun)
    implements Command {}
