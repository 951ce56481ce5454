package dev.bluegreen.upgrade.core;

import dev.bluegreen.contracts.events.Phase;

/**
 * The latest progress a phase service reported for the current phase, for the people watching.
 *
 * @param phase the phase reporting
 * @param step what is happening
 * @param done units done, if known
 * @param total units in all, if known
 * @param message human-readable progress
 */
public record Progress(Phase phase, String step, Integer done, Integer total, String message) {}
