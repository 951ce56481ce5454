package dev.bluegreen.orchestrator.rest;

/**
 * Optional body of a control action.
 *
 * @param actor who asks (defaults to the X-Actor header, then "api")
 * @param reason why, for the audit log
 */
public record ControlBody(String actor, String reason) {}
