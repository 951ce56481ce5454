package dev.bluegreen.archtest.bad.core;

import dev.bluegreen.archtest.bad.cloud.Eks;

/** A core that calls an adapter of its own module. */
public final class UsesAnAdapter {
  public String state(Eks eks) {
    return eks.describe();
  }
}
