package dev.bluegreen.contracts;

import dev.bluegreen.contracts.events.AccessDenied;
import dev.bluegreen.contracts.events.FleetFreeze;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvent of this platform: the envelope attributes travel as {@code ce_*} Kafka headers
 * (binary mode) and the data is the JSON body.
 *
 * @param id unique id of this event ({@code ce_id})
 * @param source who produced it, e.g. {@code /bluegreen/provisioner} ({@code ce_source})
 * @param type its type and major version ({@code ce_type})
 * @param subject the logical cluster, equal to the Kafka key ({@code ce_subject}); a request's
 *     {@code logicalCluster}, and for everything else its cause's subject
 * @param time when it was produced ({@code ce_time})
 * @param correlationId the upgrade it belongs to ({@code ce_correlationid})
 * @param causationId the id of the event that caused it, or null for a person's request ({@code
 *     ce_causationid})
 * @param data the payload
 * @param trace the W3C trace context ({@code ce_traceparent}, {@code ce_tracestate}), or null
 */
public record CloudEvent<T extends UpgradeEvent>(
    String id,
    String source,
    EventType<T> type,
    String subject,
    Instant time,
    String correlationId,
    String causationId,
    T data,
    TraceContext trace) {

  /** An event without a trace context. */
  public CloudEvent(
      String id,
      String source,
      EventType<T> type,
      String subject,
      Instant time,
      String correlationId,
      String causationId,
      T data) {
    this(id, source, type, subject, time, correlationId, causationId, data, null);
  }

  public CloudEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(data, "data");
    String named = subjectNamedBy(data);
    if (named != null && !subject.equals(named)) {
      throw new IllegalArgumentException(
          "subject " + subject + " differs from the request's logical cluster " + named);
    }
  }

  /**
   * The subject the data itself names, when it names one: a request's logical cluster, a campaign
   * event's campaign, a refused attempt's subject. Commands, facts and audit entries take the
   * subject of their cause (their upgrade's logical cluster).
   */
  public static String subjectNamedBy(UpgradeEvent data) {
    if (data instanceof CampaignEvent c) {
      return c.campaignId();
    }
    if (data instanceof AccessDenied d) {
      return d.subject();
    }
    if (data instanceof FleetFreeze f) {
      return f.freezeId();
    }
    return data instanceof Request r ? r.logicalCluster() : null;
  }

  /**
   * A new event about {@code data}, with a fresh id, caused by nothing recorded (a request); its
   * subject is the request's logical cluster, or the data's cluster for anything else.
   */
  public static <T extends UpgradeEvent> CloudEvent<T> of(String source, T data, Instant time) {
    String named = subjectNamedBy(data);
    return new CloudEvent<>(
        UUID.randomUUID().toString(),
        source,
        EventTypes.of(eventClass(data)),
        named != null ? named : data.cluster(),
        time,
        data instanceof CampaignEvent c ? c.campaignId() : data.upgradeId(),
        null,
        data);
  }

  /**
   * A new event about {@code data}, caused by {@code cause}; it keeps the cause's subject (the
   * logical cluster), correlation and trace (as a child span of the cause's).
   */
  public static <T extends UpgradeEvent> CloudEvent<T> causedBy(
      CloudEvent<?> cause, String source, T data, Instant time) {
    String correlation = data.upgradeId() != null ? data.upgradeId() : cause.correlationId();
    return new CloudEvent<>(
        UUID.randomUUID().toString(),
        source,
        EventTypes.of(eventClass(data)),
        cause.subject(),
        time,
        correlation,
        cause.id(),
        data,
        cause.trace() == null ? null : cause.trace().child());
  }

  /** This event in the trace {@code trace} (a request's, taken from its HTTP headers). */
  public CloudEvent<T> withTrace(TraceContext trace) {
    return new CloudEvent<>(
        id, source, type, subject, time, correlationId, causationId, data, trace);
  }

  @SuppressWarnings("unchecked")
  private static <T extends UpgradeEvent> Class<T> eventClass(T data) {
    return (Class<T>) data.getClass();
  }

  /** The topic this event is published to. */
  public TopicSpec topic() {
    return type.topic();
  }
}
