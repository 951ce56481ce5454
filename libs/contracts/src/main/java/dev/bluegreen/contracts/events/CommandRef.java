package dev.bluegreen.contracts.events;

/**
 * A command the orchestrator sent.
 *
 * @param type CloudEvent type of the command
 * @param commandId its commandId
 */
public record CommandRef(String type, String commandId) {}
