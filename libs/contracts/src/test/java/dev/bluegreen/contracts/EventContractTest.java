package dev.bluegreen.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.schemas.EventSchemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Java event type matches its schema, and round-trips through the codec intact. */
class EventContractTest {

  private final EventSchemas schemas = new EventSchemas();
  private final CloudEventCodec codec = new CloudEventCodec();
  private final ObjectMapper json = CloudEventCodec.newObjectMapper();

  static Stream<EventType<?>> eventTypes() {
    return EventTypes.ALL.stream();
  }

  @Test
  void everySchemaFile_hasAJavaType_andEveryJavaType_aSchemaFile() throws IOException {
    Set<String> files;
    try (Stream<Path> list = Files.list(Path.of("../../schemas/events"))) {
      files =
          list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
    Set<String> types =
        EventTypes.ALL.stream()
            .map(t -> EventSchemas.fileName(t.name(), t.majorVersion()))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(files, types);
  }

  @ParameterizedTest
  @MethodSource("eventTypes")
  void javaType_matchesItsSchema(EventType<?> type) {
    JsonNode schema = schemas.readResource(type.schemaPath()).orElseThrow();
    assertEquals(List.of(), RecordSchemaDrift.differences(type.javaType(), schema));
  }

  @ParameterizedTest
  @MethodSource("eventTypes")
  void example_roundTripsThroughTheCodec(EventType<?> type) throws IOException {
    JsonNode example =
        schemas
            .readResource(
                EventSchemas.EXAMPLES_PATH
                    + EventSchemas.exampleFileName(type.name(), type.majorVersion()))
            .orElseThrow();
    UpgradeEvent data = json.treeToValue(example, type.javaType());
    CloudEvent<?> event = CloudEvent.of("/test", data, Instant.parse("2026-11-25T09:00:00Z"));

    ProducerRecord<String, byte[]> record = codec.toRecord(event);
    assertEquals(type.topic().name(), record.topic());
    String named = CloudEvent.subjectNamedBy(data);
    assertEquals(named != null ? named : data.cluster(), record.key());

    Incoming back = codec.decode(record.headers(), record.value());
    Incoming.Valid valid = assertInstanceOf(Incoming.Valid.class, back, back.toString());
    assertEquals(event, valid.event());
    assertEquals(
        List.of(),
        schemas.validate(type.name(), type.majorVersion(), json.readTree(record.value())));
    assertEquals(
        json.readTree(json.writeValueAsBytes(example)),
        json.readTree(new String(record.value(), StandardCharsets.UTF_8)),
        "writing the example's record gives the example back");
  }

  @Test
  void topics_areAllDistinct_andTheAuditLogIsKeptForever() {
    assertEquals(Topics.ALL.size(), Topics.ALL.stream().map(TopicSpec::name).distinct().count());
    assertFalse(Topics.AUDIT.retention().isPresent());
    var audit = Topics.AUDIT.newTopic(TopicReplication.PRODUCTION);
    assertEquals("-1", audit.configs().get("retention.ms"));
    assertEquals("delete", audit.configs().get("cleanup.policy"));
    assertEquals(3, audit.replicationFactor());
    assertEquals("2", audit.configs().get("min.insync.replicas"));
  }

  @Test
  void headers_carryTheCloudEventAttributes() {
    var record = codec.toRecord(CloudEvent.of("/test", Fixtures.provisionGreen(), Fixtures.NOW));
    var h = record.headers();
    assertEquals("1.0", CloudEventCodec.header(h, "ce_specversion"));
    assertEquals("dev.bluegreen.ProvisionGreen.v1", CloudEventCodec.header(h, "ce_type"));
    assertEquals("payments-prod", CloudEventCodec.header(h, "ce_subject"));
    assertEquals("/test", CloudEventCodec.header(h, "ce_source"));
    assertEquals("2026-11-25T09:00:00Z", CloudEventCodec.header(h, "ce_time"));
    assertEquals("upg-1", CloudEventCodec.header(h, "ce_correlationid"));
    assertEquals("application/json", CloudEventCodec.header(h, "content-type"));
    assertEquals(
        "schemas/events/ProvisionGreen.v1.schema.json", CloudEventCodec.header(h, "ce_dataschema"));
  }
}
