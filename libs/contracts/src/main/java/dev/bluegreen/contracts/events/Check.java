package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.OptionalField;
import java.util.Map;

/**
 * One named check with its verdict and the data it looked at.
 *
 * @param name stable name of the check
 * @param result the verdict
 * @param reason human-readable reason
 * @param data what the check looked at
 */
public record Check(
    String name, CheckResult result, String reason, @OptionalField Map<String, Object> data) {}
