package dev.bluegreen.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.Incoming.Problem;
import dev.bluegreen.contracts.events.ProvisionGreen;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

/** Reading never throws: every bad record is reported with a problem a consumer can route. */
class CloudEventDecodingTest {

  private final CloudEventCodec codec = new CloudEventCodec();

  private ProducerRecord<String, byte[]> goodRecord() {
    return codec.toRecord(CloudEvent.of("/test", Fixtures.provisionGreen(), Fixtures.NOW));
  }

  private Incoming.Invalid decodeInvalid(Headers headers, byte[] body) {
    Incoming in = codec.decode(headers, body);
    return assertInstanceOf(Incoming.Invalid.class, in, in.toString());
  }

  private static void set(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void unknownEventType_isReportedAsUnknownType() {
    var record = goodRecord();
    set(record.headers(), "ce_type", "dev.bluegreen.LaunchRocket.v1");
    Incoming.Invalid invalid = decodeInvalid(record.headers(), record.value());
    assertEquals(Problem.UNKNOWN_TYPE, invalid.problem());
    assertEquals("dev.bluegreen.LaunchRocket.v1", invalid.ceType());
  }

  @Test
  void knownEventAtAnUnknownVersion_isReportedAsUnsupportedVersion() {
    var record = goodRecord();
    set(record.headers(), "ce_type", "dev.bluegreen.ProvisionGreen.v7");
    Incoming.Invalid invalid = decodeInvalid(record.headers(), record.value());
    assertEquals(Problem.UNSUPPORTED_VERSION, invalid.problem());
    assertTrue(invalid.reason().contains("v7"), invalid.reason());
  }

  @Test
  void bodyThatIsNotJson_isReportedAsMalformed() {
    var record = goodRecord();
    Incoming.Invalid invalid =
        decodeInvalid(record.headers(), "{not json".getBytes(StandardCharsets.UTF_8));
    assertEquals(Problem.MALFORMED_JSON, invalid.problem());
  }

  @Test
  void dataBreakingTheSchema_isReportedWithTheField() {
    var record = goodRecord();
    byte[] body =
        "{\"commandId\":\"c\",\"upgradeId\":\"u\",\"cluster\":\"payments-prod\",\"greenCluster\":\"g\",\"targetVersion\":\"one.thirty\"}"
            .getBytes(StandardCharsets.UTF_8);
    Incoming.Invalid invalid = decodeInvalid(record.headers(), body);
    assertEquals(Problem.SCHEMA_VIOLATION, invalid.problem());
    assertTrue(invalid.reason().contains("targetVersion"), invalid.reason());
  }

  @Test
  void trustedHistoryReader_skipsSchemaChecks_butStillRejectsUnmappableData() {
    var record = goodRecord();
    byte[] offSchema =
        "{\"commandId\":\"c\",\"upgradeId\":\"u\",\"cluster\":\"payments-prod\",\"greenCluster\":\"g\",\"targetVersion\":\"one.thirty\"}"
            .getBytes(StandardCharsets.UTF_8);
    CloudEventCodec trusting = CloudEventCodec.forTrustedHistory();
    assertInstanceOf(Incoming.Valid.class, trusting.decode(record.headers(), offSchema));
    assertInstanceOf(Incoming.Valid.class, trusting.decode(record.headers(), record.value()));
    byte[] wrongShape = "{\"cluster\":[1,2]}".getBytes(StandardCharsets.UTF_8);
    Incoming in = trusting.decode(record.headers(), wrongShape);
    assertInstanceOf(Incoming.Invalid.class, in, in.toString());
  }

  @Test
  void missingTypeHeader_isReportedAsMissingAttribute() {
    var record = goodRecord();
    record.headers().remove("ce_type");
    assertEquals(
        Problem.MISSING_ATTRIBUTE, decodeInvalid(record.headers(), record.value()).problem());
  }

  @Test
  void requestWhoseSubjectIsNotItsLogicalCluster_isReported() {
    var requested =
        new dev.bluegreen.contracts.events.UpgradeRequested(
            "u-1",
            "search-002-g75bff199",
            "1.33",
            "1.34",
            new dev.bluegreen.contracts.events.UpgradePlan(
                java.util.List.of(
                    new dev.bluegreen.contracts.events.TrafficStep(
                        dev.bluegreen.contracts.events.StepType.SET_WEIGHT, 100, null, null)),
                java.time.Duration.ofHours(1),
                new dev.bluegreen.contracts.events.ApprovalGates(null, null),
                null),
            false,
            "sre",
            Fixtures.NOW,
            "search-002");
    var record = codec.toRecord(CloudEvent.of("/test", requested, Fixtures.NOW));
    assertEquals("search-002", record.key());
    assertInstanceOf(Incoming.Valid.class, codec.decode(record.headers(), record.value()));
    set(record.headers(), "ce_subject", "search-002-g75bff199");
    assertEquals(
        Problem.SUBJECT_MISMATCH, decodeInvalid(record.headers(), record.value()).problem());
  }

  @Test
  void commandKeyedByItsLogicalCluster_isValid() {
    // A second generation's command: data.cluster is the blue EKS cluster, the key its logical one.
    var record = goodRecord();
    set(record.headers(), "ce_subject", "logical-name");
    assertInstanceOf(Incoming.Valid.class, codec.decode(record.headers(), record.value()));
  }

  @Test
  void unknownFieldsFromANewerProducer_areTolerated() {
    var record = goodRecord();
    String body = new String(record.value(), StandardCharsets.UTF_8);
    byte[] withExtra =
        body.replaceFirst("\\{", "{\"addedInV1_3\":{\"x\":1},").getBytes(StandardCharsets.UTF_8);
    Incoming in = codec.decode(record.headers(), withExtra);
    Incoming.Valid valid = assertInstanceOf(Incoming.Valid.class, in, in.toString());
    assertEquals(Fixtures.provisionGreen(), valid.event().data());
  }

  @Test
  void writingDataThatBreaksItsSchema_isRefused() {
    ProvisionGreen bad = new ProvisionGreen("c", "u", "payments-prod", "g", "latest");
    var event = CloudEvent.of("/test", bad, Fixtures.NOW);
    assertThrows(IllegalArgumentException.class, () -> codec.toRecord(event));
  }

  @Test
  void deadLetterHeaders_keepTheOriginalsAndSayWhy() {
    var record = goodRecord();
    Headers dlq =
        DeadLetters.headers(
            record.headers(),
            new Incoming.Invalid(Problem.UNKNOWN_TYPE, "unknown event type 'x'", "x"),
            "provisioner.commands.v1",
            3,
            42L,
            "provisioner");
    assertEquals("dev.bluegreen.ProvisionGreen.v1", CloudEventCodec.header(dlq, "ce_type"));
    assertEquals("UNKNOWN_TYPE", CloudEventCodec.header(dlq, DeadLetters.PROBLEM));
    assertEquals("unknown event type 'x'", CloudEventCodec.header(dlq, DeadLetters.REASON));
    assertEquals("provisioner.commands.v1", CloudEventCodec.header(dlq, DeadLetters.SOURCE_TOPIC));
    assertEquals("3", CloudEventCodec.header(dlq, DeadLetters.SOURCE_PARTITION));
    assertEquals("42", CloudEventCodec.header(dlq, DeadLetters.SOURCE_OFFSET));
    assertEquals("provisioner", CloudEventCodec.header(dlq, DeadLetters.CONSUMER));
  }
}
