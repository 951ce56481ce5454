package dev.bluegreen.upgrade.core;

import dev.bluegreen.contracts.AuditEntry;
import dev.bluegreen.contracts.Command;
import java.util.List;

/**
 * What {@link UpgradeDecider#decide} concluded about one input.
 *
 * @param next the upgrade's state after the input; null when there is still no upgrade (an input
 *     for a cluster that never had one)
 * @param commands commands to send, in order
 * @param auditEntry the audit log line, or null when nothing worth recording happened (a timer tick
 *     with nothing due, a progress report)
 */
public record Decision(UpgradeStatus next, List<Command> commands, AuditEntry auditEntry) {

  public Decision {
    commands = List.copyOf(commands);
  }

  /** Nothing changes and nothing is recorded. */
  public static Decision nothing(UpgradeStatus state) {
    return new Decision(state, List.of(), null);
  }

  /** Whether the state changed. */
  public boolean changed(UpgradeStatus before) {
    return next != null && !next.equals(before);
  }
}
