package dev.bluegreen.notifier.core;

import dev.bluegreen.contracts.events.Cause;
import dev.bluegreen.contracts.events.InputRejected;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import java.time.Instant;
import java.util.List;

/** Audit entries for unit tests. */
final class Entries {

  static final Instant AT = Instant.parse("2026-11-25T10:15:30Z");

  private Entries() {}

  static UpgradeTransitioned transition(UpgradeState from, UpgradeState to) {
    return transition("payments-prod", from, to, null, "because");
  }

  static UpgradeTransitioned transition(
      String cluster, UpgradeState from, UpgradeState to, Integer stepIndex, String reason) {
    return new UpgradeTransitioned(
        "upg-1",
        cluster,
        from,
        to,
        new Cause("evt-1", "dev.bluegreen.PhaseFailed.v1"),
        "orchestrator",
        reason,
        AT,
        1,
        stepIndex,
        List.of(),
        null,
        null,
        null,
        null);
  }

  static InputRejected rejected(boolean duplicate) {
    return new InputRejected(
        null,
        "payments-prod",
        null,
        new Cause("evt-2", "dev.bluegreen.UpgradeControlRequested.v1"),
        "alice",
        "no upgrade to approve",
        duplicate,
        null,
        AT,
        null);
  }
}
