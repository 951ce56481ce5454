package dev.bluegreen.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bluegreen.contracts.Incoming.Invalid;
import dev.bluegreen.contracts.Incoming.Problem;
import dev.bluegreen.contracts.events.AccessDenied;
import dev.bluegreen.contracts.events.FleetFreeze;
import dev.bluegreen.schemas.EventSchemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Turns CloudEvents into Kafka records and back (binary content mode), validating every event's
 * data against its JSON Schema both ways.
 *
 * <p>Writing an invalid event is our own bug and throws. Reading never throws: whatever arrives is
 * either {@link Incoming.Valid} or {@link Incoming.Invalid} with the reason, so a consumer can send
 * it to the dead-letter topic and keep going. Unknown fields are tolerated when reading, as the
 * schemas allow, so a newer producer's optional fields do not break an older reader.
 */
public final class CloudEventCodec {

  private static final Pattern CE_TYPE =
      Pattern.compile(Pattern.quote(EventType.CE_TYPE_PREFIX) + "([A-Za-z]+)\\.v(\\d+)");

  private final ObjectMapper json = newObjectMapper();
  private final EventSchemas schemas = new EventSchemas();
  private final boolean validateOnRead;

  /** A codec that validates against the schemas when writing and when reading. */
  public CloudEventCodec() {
    this(true);
  }

  private CloudEventCodec(boolean validateOnRead) {
    this.validateOnRead = validateOnRead;
  }

  /**
   * A codec for reading long histories that our own validating writers produced (the audit topic
   * for replay): it still checks the envelope, the type and version, the JSON and its mapping, but
   * skips re-validating every body against its schema, which is most of the cost of a read. Never
   * use it for input from other producers.
   */
  public static CloudEventCodec forTrustedHistory() {
    return new CloudEventCodec(false);
  }

  /** The JSON mapping used for event data everywhere: ISO-8601 times and durations, no nulls. */
  public static ObjectMapper newObjectMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .registerModule(new Jdk8Module())
        .setSerializationInclusion(JsonInclude.Include.NON_NULL)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
  }

  /** The event as a Kafka record for its own topic, keyed by cluster. */
  public ProducerRecord<String, byte[]> toRecord(CloudEvent<?> event) {
    Headers headers = new RecordHeaders();
    writeHeaders(event, headers);
    return new ProducerRecord<>(
        event.topic().name(), null, event.subject(), encodeData(event), headers);
  }

  /** Adds the event's {@code ce_*} headers and content type to {@code headers}. */
  public void writeHeaders(CloudEvent<?> event, Headers headers) {
    put(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
    put(headers, CloudEventHeaders.ID, event.id());
    put(headers, CloudEventHeaders.SOURCE, event.source());
    put(headers, CloudEventHeaders.TYPE, event.type().ceType());
    put(headers, CloudEventHeaders.SUBJECT, event.subject());
    put(headers, CloudEventHeaders.TIME, event.time().toString());
    put(headers, CloudEventHeaders.DATA_SCHEMA, event.type().schemaPath());
    put(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
    if (event.correlationId() != null) {
      put(headers, CloudEventHeaders.CORRELATION_ID, event.correlationId());
    }
    if (event.causationId() != null) {
      put(headers, CloudEventHeaders.CAUSATION_ID, event.causationId());
    }
    if (event.trace() != null) {
      TraceHeaders.write(event.trace(), headers);
    }
  }

  /**
   * The event's data as JSON bytes.
   *
   * @throws IllegalArgumentException when the data breaks its schema (a bug in the producer)
   */
  public byte[] encodeData(CloudEvent<?> event) {
    JsonNode tree = json.valueToTree(event.data());
    EventType<?> type = event.type();
    List<String> problems = schemas.validate(type.name(), type.majorVersion(), tree);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "refusing to write " + type.ceType() + " that breaks its schema: " + problems);
    }
    try {
      return json.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + type.ceType(), e);
    }
  }

  /** Reads one Kafka record's headers and body. Never throws. */
  public Incoming decode(Headers headers, byte[] body) {
    String ceType = header(headers, CloudEventHeaders.TYPE);
    if (ceType == null) {
      return new Invalid(Problem.MISSING_ATTRIBUTE, "no ce_type header", null);
    }
    String specVersion = header(headers, CloudEventHeaders.SPEC_VERSION);
    if (!CloudEventHeaders.SPEC_VERSION_VALUE.equals(specVersion)) {
      return new Invalid(
          Problem.MISSING_ATTRIBUTE, "unsupported ce_specversion '" + specVersion + "'", ceType);
    }
    Optional<EventType<?>> known = EventTypes.byCeType(ceType);
    if (known.isEmpty()) {
      Matcher m = CE_TYPE.matcher(ceType);
      if (m.matches() && EventTypes.knowsName(m.group(1))) {
        return new Invalid(
            Problem.UNSUPPORTED_VERSION,
            "event " + m.group(1) + " is known, but not at version v" + m.group(2),
            ceType);
      }
      return new Invalid(Problem.UNKNOWN_TYPE, "unknown event type '" + ceType + "'", ceType);
    }
    EventType<?> type = known.get();
    String id = header(headers, CloudEventHeaders.ID);
    String source = header(headers, CloudEventHeaders.SOURCE);
    String subject = header(headers, CloudEventHeaders.SUBJECT);
    String time = header(headers, CloudEventHeaders.TIME);
    for (String[] required :
        new String[][] {
          {"ce_id", id}, {"ce_source", source}, {"ce_subject", subject}, {"ce_time", time}
        }) {
      if (required[1] == null || required[1].isBlank()) {
        return new Invalid(Problem.MISSING_ATTRIBUTE, "no " + required[0] + " header", ceType);
      }
    }
    Instant at;
    try {
      at = Instant.parse(time);
    } catch (DateTimeParseException e) {
      return new Invalid(
          Problem.MISSING_ATTRIBUTE, "ce_time '" + time + "' is not RFC 3339", ceType);
    }
    if (body == null) {
      return new Invalid(Problem.MALFORMED_JSON, "no body", ceType);
    }
    JsonNode tree;
    try {
      tree = json.readTree(body);
    } catch (IOException e) {
      return new Invalid(Problem.MALFORMED_JSON, "body is not JSON: " + e.getMessage(), ceType);
    }
    if (tree == null || !tree.isObject()) {
      return new Invalid(Problem.MALFORMED_JSON, "body is not a JSON object", ceType);
    }
    if (validateOnRead) {
      List<String> problems = schemas.validate(type.name(), type.majorVersion(), tree);
      if (!problems.isEmpty()) {
        return new Invalid(Problem.SCHEMA_VIOLATION, String.join("; ", problems), ceType);
      }
    }
    return toEvent(type, tree, id, source, subject, at, headers);
  }

  private <T extends UpgradeEvent> Incoming toEvent(
      EventType<T> type,
      JsonNode tree,
      String id,
      String source,
      String subject,
      Instant time,
      Headers headers) {
    T data;
    try {
      data = json.treeToValue(tree, type.javaType());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return new Invalid(
          Problem.SCHEMA_VIOLATION, "cannot map data: " + e.getMessage(), type.ceType());
    }
    if (data instanceof CampaignEvent c) {
      if (c.campaignId() == null) {
        return new Invalid(Problem.SCHEMA_VIOLATION, "the data names no campaign", type.ceType());
      }
    } else if (data instanceof AccessDenied d) {
      if (d.subject() == null) {
        return new Invalid(Problem.SCHEMA_VIOLATION, "the data names no subject", type.ceType());
      }
    } else if (data instanceof FleetFreeze f) {
      if (f.freezeId() == null) {
        return new Invalid(Problem.SCHEMA_VIOLATION, "the data names no freeze", type.ceType());
      }
    } else if (data == null || data.cluster() == null) {
      // Checked even when reading without schema validation: every event names its cluster.
      return new Invalid(Problem.SCHEMA_VIOLATION, "the data names no cluster", type.ceType());
    }
    String named = CloudEvent.subjectNamedBy(data);
    if (named != null && !subject.equals(named)) {
      return new Invalid(
          Problem.SUBJECT_MISMATCH,
          "ce_subject '" + subject + "' differs from what the data names: '" + named + "'",
          type.ceType());
    }
    return new Incoming.Valid(
        new CloudEvent<>(
            id,
            source,
            type,
            subject,
            time,
            header(headers, CloudEventHeaders.CORRELATION_ID),
            header(headers, CloudEventHeaders.CAUSATION_ID),
            data,
            TraceHeaders.read(headers).orElse(null)));
  }

  /** The last value of a header as UTF-8 text, or null. */
  public static String header(Headers headers, String name) {
    if (headers == null) {
      return null;
    }
    Header h = headers.lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static void put(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
