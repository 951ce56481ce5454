package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.OptionalField;
import java.time.Instant;

/**
 * A period in which nothing disruptive starts.
 *
 * @param from when it begins
 * @param to when it ends
 * @param reason why, for people
 */
public record Freeze(Instant from, Instant to, @OptionalField String reason) {}
