package dev.bluegreen.upgrade.core;

import dev.bluegreen.contracts.UpgradeEvent;
import dev.bluegreen.contracts.events.Cause;
import dev.bluegreen.contracts.events.Freeze;
import java.time.Instant;
import java.util.List;

/** What {@link UpgradeDecider#decide} reacts to: an event that arrived, or the passing of time. */
public sealed interface Input {

  /** When the input happened; the decision's only source of time. */
  Instant at();

  /** The id the audit log names as the cause. */
  String eventId();

  /** The CloudEvent type (or a timer marker) the audit log names as the cause. */
  String type();

  /** Who sent the input. */
  String actor();

  /**
   * A request or a fact.
   *
   * @param eventId its CloudEvent id
   * @param type its CloudEvent type
   * @param actor the person (requests) or the service (facts) that sent it
   * @param at when it was recorded
   * @param data the event's data
   */
  record Event(String eventId, String type, String actor, Instant at, UpgradeEvent data)
      implements Input {}

  /**
   * The wall clock ticked: timeouts, timed pauses and the retention window are checked.
   *
   * @param eventId a deterministic id for the audit log's cause
   * @param at the current time
   */
  record Tick(String eventId, Instant at) implements Input {

    /** CloudEvent-like type the audit log names for a timer cause. */
    public static final String TYPE = "dev.bluegreen.orchestrator.Timer";

    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public String actor() {
      return "orchestrator-timer";
    }
  }

  /**
   * The fleet's freezes as they stand (declared through the API, not lifted, not ended): the
   * orchestrator feeds them to a running upgrade when they differ from what it knows, before its
   * next decision and on the wall-clock tick. Recorded on the audit log like any input, so a replay
   * sees the same freezes.
   *
   * @param eventId a deterministic id for the audit log's cause
   * @param at the current time
   * @param freezes the fleet's freezes that have not ended
   */
  record FleetFreezes(String eventId, Instant at, List<Freeze> freezes) implements Input {

    /** CloudEvent-like type the audit log names for this cause. */
    public static final String TYPE = Cause.FLEET_FREEZES;

    public FleetFreezes {
      freezes = freezes == null ? List.of() : List.copyOf(freezes);
    }

    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public String actor() {
      return "orchestrator-freezes";
    }
  }
}
