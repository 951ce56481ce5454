package dev.bluegreen.orchestrator.streams;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.contracts.AuditEntry;
import dev.bluegreen.contracts.events.InputRejected;
import dev.bluegreen.contracts.events.RecordedInput;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import dev.bluegreen.orchestrator.domain.Input;
import java.util.Map;

/** Puts the input decide saw into the audit entry it produced, for deterministic replay. */
final class RecordedInputs {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private RecordedInputs() {}

  /** The input as the audit log records it: the event's data as on the wire, none for a tick. */
  static RecordedInput of(Input input, ObjectMapper json) {
    Map<String, Object> data =
        input instanceof Input.Event e ? json.convertValue(e.data(), MAP) : null;
    return new RecordedInput(input.eventId(), input.type(), input.actor(), input.at(), data);
  }

  /** The entry with the input attached; null stays null. */
  static AuditEntry attach(AuditEntry entry, RecordedInput input) {
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
