package dev.bluegreen.notifier.core;

import dev.bluegreen.contracts.events.FleetFreeze;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a fleet freeze record means to the people in the channels: a freeze declared, changed or
 * lifted. Every one is a {@link Severity#WARNING}: a freeze holds disruptive steps of every upgrade
 * in the fleet, and a channel that heard of a freeze must hear of its lifting too. A freeze that
 * simply reaches its end writes no record and is no news.
 *
 * @param freezeId the freeze
 * @param headline what happened: {@code declared}, {@code changed}, {@code lifted}
 * @param severity how much it matters (routes select by it)
 * @param from when it begins
 * @param to when it ends
 * @param reason why, as its declarer gave it
 * @param actor who declared, changed or lifted it
 * @param at when
 */
public record FreezeNews(
    String freezeId,
    String headline,
    Severity severity,
    Instant from,
    Instant to,
    String reason,
    String actor,
    Instant at) {

  /**
   * Reads fleet freeze records in log order and tells which are news. It remembers the last record
   * of each freeze, to tell a change from a declaration and to stay quiet on a record written again
   * (a redelivery, a declaration repeated as it was). Bounded: the least recent freezes are
   * forgotten. In memory only: after a restart, a change of a freeze seen before reads as declared.
   */
  public static final class Desk {

    private final Map<String, FleetFreeze> freezes;

    /** Remembers at most {@code capacity} freezes. */
    public Desk(int capacity) {
      this.freezes =
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, FleetFreeze> eldest) {
              return size() > capacity;
            }
          };
    }

    /** The news in one record, if any. */
    public synchronized Optional<FreezeNews> read(FleetFreeze freeze) {
      FleetFreeze before = freezes.put(freeze.freezeId(), freeze);
      if (freeze.equals(before)) {
        return Optional.empty();
      }
      if (freeze.lifted()) {
        if (before != null && before.lifted()) {
          return Optional.empty();
        }
        return Optional.of(news(freeze, "lifted", freeze.liftedBy(), freeze.liftedAt()));
      }
      String headline = before == null || before.lifted() ? "declared" : "changed";
      return Optional.of(news(freeze, headline, freeze.declaredBy(), freeze.declaredAt()));
    }

    private static FreezeNews news(FleetFreeze f, String headline, String actor, Instant at) {
      return new FreezeNews(
          f.freezeId(), headline, Severity.WARNING, f.from(), f.to(), f.reason(), actor, at);
    }
  }
}
