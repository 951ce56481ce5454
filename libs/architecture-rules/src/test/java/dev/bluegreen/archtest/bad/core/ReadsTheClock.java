package dev.bluegreen.archtest.bad.core;

import java.time.Instant;

/** A core that reads the wall clock. */
public final class ReadsTheClock {
  public Instant now() {
    return Instant.now();
  }
}
