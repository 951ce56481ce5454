package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.OptionalField;
import dev.bluegreen.contracts.Request;
import java.time.Instant;

/**
 * An SRE asked for a blue/green upgrade of one cluster.
 *
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (Kafka key, CloudEvent subject)
 * @param currentVersion blue's version when requested
 * @param targetVersion the Kubernetes version green gets
 * @param plan how the upgrade proceeds
 * @param dryRun only plan, change nothing
 * @param requestedBy who asked
 * @param requestedAt when the API accepted the request
 */
public record UpgradeRequested(
    String upgradeId,
    String cluster,
    @OptionalField String currentVersion,
    String targetVersion,
    UpgradePlan plan,
    @OptionalField boolean dryRun,
    String requestedBy,
    Instant requestedAt)
    implements Request {}
