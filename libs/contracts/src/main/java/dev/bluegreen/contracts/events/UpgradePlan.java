package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.OptionalField;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How an upgrade proceeds: traffic steps, retention of blue, approval gates, timeouts.
 *
 * @param steps traffic steps in order, ending with green at 100%
 * @param retention how long blue is kept after green carries 100%
 * @param approvalGates which approval gates apply
 * @param phaseTimeouts per-phase timeout overrides, phase name to ISO-8601 duration
 * @param windows when the disruptive phases may start; absent: any time
 */
public record UpgradePlan(
    List<TrafficStep> steps,
    Duration retention,
    ApprovalGates approvalGates,
    @OptionalField Map<String, String> phaseTimeouts,
    @OptionalField MaintenanceWindows windows) {

  /** A plan that may start its disruptive phases at any time. */
  public UpgradePlan(
      List<TrafficStep> steps,
      Duration retention,
      ApprovalGates approvalGates,
      Map<String, String> phaseTimeouts) {
    this(steps, retention, approvalGates, phaseTimeouts, null);
  }
}
