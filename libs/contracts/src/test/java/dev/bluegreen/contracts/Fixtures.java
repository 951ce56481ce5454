package dev.bluegreen.contracts;

import dev.bluegreen.contracts.events.ProvisionGreen;
import java.time.Instant;

/** Small events for tests. */
final class Fixtures {

  static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

  private Fixtures() {}

  static ProvisionGreen provisionGreen() {
    return new ProvisionGreen(
        "upg-1:2:ProvisionGreen", "upg-1", "payments-prod", "payments-prod-gupg1", "1.31");
  }
}
