package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.OptionalField;
import dev.bluegreen.contracts.Request;
import java.time.Instant;

/**
 * A person asked to approve, pause, resume, promote, cancel or roll back an upgrade.
 *
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (Kafka key, CloudEvent subject)
 * @param action the control action
 * @param actor who asked
 * @param reason why, free text
 * @param requestedAt when
 */
public record UpgradeControlRequested(
    String upgradeId,
    String cluster,
    ControlAction action,
    String actor,
    @OptionalField String reason,
    Instant requestedAt)
    implements Request {}
