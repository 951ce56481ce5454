package dev.bluegreen.orchestrator.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.EventType;
import dev.bluegreen.contracts.EventTypes;
import dev.bluegreen.contracts.UpgradeEvent;
import dev.bluegreen.orchestrator.streams.AuditTrail;
import dev.bluegreen.timeline.AuditLine;

/** Turns the stored audit trail's lines into the replay tool's lines, for rendering. */
final class TimelineLines {

  private static final ObjectMapper JSON = CloudEventCodec.newObjectMapper();

  private TimelineLines() {}

  /** The line for a stored audit entry, or null for an entry of a type the renderers ignore. */
  static AuditLine of(AuditTrail.Line line) {
    EventType<?> type =
        EventTypes.ALL.stream().filter(t -> t.name().equals(line.type())).findFirst().orElse(null);
    return type == null ? null : AuditLine.of(event(type, line));
  }

  private static <T extends UpgradeEvent> CloudEvent<T> event(
      EventType<T> type, AuditTrail.Line line) {
    T data = JSON.convertValue(line.data(), type.javaType());
    return new CloudEvent<>(
        line.eventId(),
        "/bluegreen/orchestrator",
        type,
        data.cluster(),
        line.at(),
        data.upgradeId(),
        null,
        data);
  }
}
