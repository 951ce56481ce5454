package dev.bluegreen.contracts.events;

/**
 * What caused an audit entry: the input event.
 *
 * @param eventId CloudEvent id of the input
 * @param type CloudEvent type of the input
 */
public record Cause(String eventId, String type) {}
