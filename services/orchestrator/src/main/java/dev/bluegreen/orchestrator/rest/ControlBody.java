package dev.bluegreen.orchestrator.rest;

/**
 * Optional body of a control action.
 *
 * @param actor no longer accepted (422): who acts is the bearer token's subject
 * @param reason why, for the audit log
 */
public record ControlBody(
    @org.eclipse.microprofile.openapi.annotations.media.Schema(hidden = true, deprecated = true)
        String actor,
    String reason) {}
