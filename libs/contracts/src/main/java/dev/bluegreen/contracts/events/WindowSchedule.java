package dev.bluegreen.contracts.events;

import java.time.Duration;

/**
 * A recurring maintenance window: it opens at every time the cron expression names, in its time
 * zone, and stays open for its duration.
 *
 * @param cron a 5-field Unix cron expression (minute hour day-of-month month day-of-week), e.g.
 *     {@code 0 22 * * 1-4} for 22:00 Monday to Thursday
 * @param timeZone an IANA time zone, e.g. Europe/Berlin
 * @param duration how long each window stays open
 */
public record WindowSchedule(String cron, String timeZone, Duration duration) {}
