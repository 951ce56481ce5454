package dev.bluegreen.upgrade.recording;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.contracts.AuditEntry;
import dev.bluegreen.contracts.events.InputRejected;
import dev.bluegreen.contracts.events.RecordedInput;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import dev.bluegreen.upgrade.core.Input;
import java.util.Map;

/**
 * Puts the input decide saw into the audit entry it produced, for deterministic replay. The
 * orchestrator's processor writes entries with it and the replay tool's tests build histories with
 * it, so both record inputs exactly alike. (Outside {@code domain/}: it maps JSON.)
 */
public final class RecordedInputs {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private RecordedInputs() {}

  /** The input as the audit log records it: the event's data as on the wire, none for a tick. */
  public static RecordedInput of(Input input, ObjectMapper json) {
    Map<String, Object> data =
        input instanceof Input.Event e ? json.convertValue(e.data(), MAP) : null;
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
