package dev.bluegreen.upgrade.recording;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.contracts.AuditEntry;
import dev.bluegreen.contracts.events.Freeze;
import dev.bluegreen.contracts.events.InputRejected;
import dev.bluegreen.contracts.events.RecordedInput;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import dev.bluegreen.upgrade.core.Input;
import java.util.List;
import java.util.Map;

/**
 * Puts the input decide saw into the audit entry it produced, for deterministic replay. The
 * orchestrator's processor writes entries with it and the replay tool's tests build histories with
 * it, so both record inputs exactly alike. (Outside {@code domain/}: it maps JSON.)
 */
public final class RecordedInputs {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** The field of a recorded {@link Input.FleetFreezes}' data that holds the freezes. */
  public static final String FREEZES = "freezes";

  private static final TypeReference<List<Freeze>> FREEZE_LIST = new TypeReference<>() {};

  private RecordedInputs() {}

  /** The fleet's freezes a recorded {@link Input.FleetFreezes} carried, as decide saw them. */
  public static Input.FleetFreezes fleetFreezes(RecordedInput recorded, ObjectMapper json) {
    Object freezes = recorded.data() == null ? null : recorded.data().get(FREEZES);
    return new Input.FleetFreezes(
        recorded.eventId(), recorded.time(), json.convertValue(freezes, FREEZE_LIST));
  }

  /**
   * The input as the audit log records it: the event's data as on the wire, the fleet's freezes
   * under {@code freezes}, none for a tick.
   */
  public static RecordedInput of(Input input, ObjectMapper json) {
    Map<String, Object> data =
        input instanceof Input.Event e
            ? json.convertValue(e.data(), MAP)
            : input instanceof Input.FleetFreezes f
                ? json.convertValue(Map.of(FREEZES, f.freezes()), MAP)
                : null;
    return new RecordedInput(input.eventId(), input.type(), input.actor(), input.at(), data);
  }

  /** The entry with the input attached; null stays null. */
  public static AuditEntry attach(AuditEntry entry, RecordedInput input) {
    if (entry instanceof UpgradeTransitioned t) {
      return new UpgradeTransitioned(
          t.upgradeId(),
          t.cluster(),
          t.from(),
          t.to(),
          t.cause(),
          t.actor(),
          t.reason(),
          t.at(),
          t.decisionVersion(),
          t.stepIndex(),
          t.commands(),
          t.currentVersion(),
          t.targetVersion(),
          t.stepCount(),
          input);
    }
    if (entry instanceof InputRejected r) {
      return new InputRejected(
          r.upgradeId(),
          r.cluster(),
          r.state(),
          r.cause(),
          r.actor(),
          r.reason(),
          r.duplicate(),
          r.activeUpgradeId(),
          r.at(),
          input);
    }
    return entry;
  }
}
