package dev.bluegreen.cloudsim.core;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Stable ids derived from a seed, so the same world gives the same ARNs on every run. */
final class SimIds {
  private SimIds() {}

  static String uuid(String seed) {
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }

  static String shortId(String seed, int length) {
    return uuid(seed).replace("-", "").substring(0, Math.min(length, 32));
  }
}
