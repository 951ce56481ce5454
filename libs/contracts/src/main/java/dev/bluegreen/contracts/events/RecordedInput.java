package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.OptionalField;
import java.time.Instant;
import java.util.Map;

/**
 * An input exactly as the orchestrator's decide function saw it, kept in the audit entry so that
 * replaying the audit log through decide reproduces every transition.
 *
 * @param eventId CloudEvent id of the input (or the timer's deterministic id)
 * @param type CloudEvent type of the input, or {@code dev.bluegreen.orchestrator.Timer}
 * @param actor who sent it
 * @param time the time decide was given with it
 * @param data the input's data as it was on the wire; null for a timer
 */
public record RecordedInput(
    String eventId,
    String type,
    @OptionalField String actor,
    Instant time,
    @OptionalField Map<String, Object> data) {}
