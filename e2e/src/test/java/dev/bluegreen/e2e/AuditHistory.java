package dev.bluegreen.e2e;

import dev.bluegreen.replay.AuditReader;
import dev.bluegreen.testkit.Deadline;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.timeline.AuditLine;
import java.time.Duration;
import java.util.List;

/**
 * An upgrade's audit history read back from Kafka, as a postmortem reads it. The API shows an
 * upgrade's end as soon as the orchestrator's state store has it, but the audit entry that records
 * it becomes readable (read_committed) only when the Streams transaction commits, a moment later on
 * a busy machine. So a test that reads the history right after the API showed the end waits for
 * that entry first.
 */
final class AuditHistory {

  private AuditHistory() {}

  /** The states an upgrade with both approval gates passes through to COMPLETED, in order. */
  static final List<String> COMPLETED_PATH =
      List.of(
          "PREFLIGHT",
          "PROVISIONING",
          "DEPLOYING",
          "VERIFYING",
          "AWAITING_SHIFT_APPROVAL",
          "SHIFTING",
          "HANDOVER",
          "SOAKING",
          "AWAITING_DECOMMISSION_APPROVAL",
          "DECOMMISSIONING",
          "COMPLETED");

  /** The upgrade's history once it holds the transition into {@code finalState}. */
  static AuditReader.Result through(KafkaBroker broker, String upgradeId, String finalState) {
    return through(broker.bootstrapServers(), upgradeId, finalState);
  }

  /** As {@link #through(KafkaBroker, String, String)}, on the cluster at {@code bootstrap}. */
  static AuditReader.Result through(String bootstrap, String upgradeId, String finalState) {
    Deadline deadline = Deadline.in(Duration.ofSeconds(60));
    while (true) {
      AuditReader.Result history =
          new AuditReader(bootstrap).read(new AuditReader.Selection(upgradeId, null, null, null));
      for (AuditLine line : history.inLogOrder()) {
        if (!line.rejected() && line.to() != null && finalState.equals(line.to().name())) {
          return history;
        }
      }
      deadline.check(
          "the audit topic to hold "
              + upgradeId
              + "'s transition to "
              + finalState
              + " (committed)");
      deadline.pause();
    }
  }
}
