package dev.bluegreen.contracts.events;

/**
 * What caused an audit entry: the input event.
 *
 * @param eventId CloudEvent id of the input
 * @param type CloudEvent type of the input
 */
public record Cause(String eventId, String type) {

  /**
   * The type of the input by which the orchestrator tells a running upgrade the fleet's standing
   * freezes (declared or lifted through {@code /freezes}): not an event on a topic, so named here
   * for the readers of audit entries (the notifier keeps such entries quiet).
   */
  public static final String FLEET_FREEZES = "dev.bluegreen.orchestrator.FleetFreezes";

  /** Whether the input was the fleet's freezes changing. */
  public boolean isFleetFreezes() {
    return FLEET_FREEZES.equals(type);
  }
}
