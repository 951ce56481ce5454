package dev.bluegreen.cloud;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The one way the services wait for the cloud (a cluster to become ACTIVE, Argo CD to sync, a
 * measurement window to end): the time, a pause, and polling with a deadline. The clock and the
 * sleeper are given, so a test waits on a clock it moves itself and never sleeps; a service gets
 * the wall clock ({@link #wallClock()}, the CDI bean {@code WaitingProducer} makes).
 *
 * <p>Waiting blocks the calling thread: a phase service's command runs on a worker thread of its
 * own for as long as the cloud takes (libs/messaging, {@code CommandInbox.WORKERS}). An interrupt
 * (shutdown) ends the wait with an {@link IllegalStateException}, the interrupt flag kept; the
 * inbox reports it as a retryable failure and the command comes again after the restart.
 */
public final class Waiting {

  /** Lets time pass until an instant: the wall clock sleeps, a test moves its clock. */
  @FunctionalInterface
  public interface Sleeper {
    void sleepUntil(Instant until) throws InterruptedException;
  }

  /**
   * How long between two polls: {@code first}, then doubling up to {@code max}; with {@code
   * jitter}, each pause is between half and all of that (many waiters do not poll in step).
   */
  public record Backoff(Duration first, Duration max, boolean jitter) {

    /** The same pause every time, no jitter. */
    public static Backoff every(Duration pause) {
      return new Backoff(pause, pause, false);
    }

    /** Exponential from {@code first} to {@code max}, with jitter (the SDK waiters' way). */
    public static Backoff exponential(Duration first, Duration max) {
      return new Backoff(first, max, true);
    }

    Duration after(int polls) {
      Duration d = first;
      for (int i = 1; i < polls && d.compareTo(max) < 0; i++) {
        d = d.multipliedBy(2);
      }
      d = d.compareTo(max) > 0 ? max : d;
      if (!jitter || d.toMillis() < 2) {
        return d;
      }
      long half = d.toMillis() / 2;
      return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
  }

  private final Supplier<Instant> clock;
  private final Sleeper sleeper;

  /** Time from {@code clock}; {@code sleeper} lets it pass. */
  public Waiting(Clock clock, Sleeper sleeper) {
    this(clock::instant, sleeper);
  }

  /** Time from {@code now} (e.g. a simulator's clock); {@code sleeper} lets it pass. */
  public Waiting(Supplier<Instant> now, Sleeper sleeper) {
    this.clock = now;
    this.sleeper = sleeper;
  }

  /** The wall clock; a pause sleeps the calling thread. */
  public static Waiting wallClock() {
    Clock clock = Clock.systemUTC();
    return new Waiting(
        clock,
        until -> {
          Duration left = Duration.between(clock.instant(), until);
          if (!left.isNegative() && !left.isZero()) {
            Thread.sleep(left.toMillis(), left.toNanosPart() % 1_000_000);
          }
        });
  }

  /** Now. */
  public Instant now() {
    return clock.get();
  }

  /** Returns at {@code until} or shortly after (at once if it has passed). */
  public void until(Instant until) {
    if (!until.isAfter(now())) {
      return;
    }
    try {
      sleeper.sleepUntil(until);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the cloud", e);
    }
  }

  /** Returns after {@code pause}. */
  public void pause(Duration pause) {
    until(now().plus(pause));
  }

  /**
   * Looks until {@code look} gives a value or {@code timeout} has passed, pausing between looks as
   * {@code backoff} says; empty when the deadline passed first. The first look is at once; the last
   * is at the deadline. What {@code look} throws ends the wait.
   */
  public <T> Optional<T> poll(Backoff backoff, Duration timeout, Supplier<Optional<T>> look) {
    Instant deadline = now().plus(timeout);
    for (int polls = 1; ; polls++) {
      Optional<T> seen = look.get();
      if (seen.isPresent()) {
        return seen;
      }
      Instant now = now();
      if (!now.isBefore(deadline)) {
        return Optional.empty();
      }
      Instant next = now.plus(backoff.after(polls));
      until(next.isAfter(deadline) ? deadline : next);
    }
  }
}
