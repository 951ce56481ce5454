package dev.bluegreen.archtest.good.core;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/** A pure core: decides from its inputs, names addresses, uses its own core. */
public record Plan(URI target, Instant at) {
  public Plan later(Duration d) {
    return new Plan(target, at.plus(d));
  }

  public Step first() {
    return new Step(at);
  }

  public record Step(Instant at) {}
}
