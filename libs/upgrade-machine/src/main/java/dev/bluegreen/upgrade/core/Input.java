package dev.bluegreen.upgrade.core;

import dev.bluegreen.contracts.UpgradeEvent;
import java.time.Instant;

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
}
