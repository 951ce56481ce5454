package dev.bluegreen.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.CloudEventHeaders;
import dev.bluegreen.timeline.AuditLine;
import dev.bluegreen.timeline.SharedStrings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * The fast parse for timelines reads exactly the lines the full decode reads, and refuses what the
 * full decode refuses.
 */
class AuditLineParserTest {

  private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
  private final AuditReader reader = new AuditReader("unused:9092"); // decode only
  private final AuditLineParser parser = new AuditLineParser(new SharedStrings());
  private final CloudEventCodec codec = new CloudEventCodec();

  @Test
  void realRun_decidedAndLegacyHistories_parseToTheLinesTheFullDecodeKeeps() {
    List<Raw> records = new ArrayList<>();
    for (CapturedRecords.Captured c : CapturedRecords.read(CapturedRollbackTest.CAPTURE)) {
      records.add(new Raw(c.kafkaHeaders(), c.value()));
    }
    DecidedHistory.withRollback(T0).events().forEach(e -> records.add(raw(e)));
    History.rolledBack("upg-old", "legacy", T0).events.forEach(e -> records.add(raw(e)));
    assertTrue(records.size() >= 40, "records: " + records.size());

    SharedStrings strings = new SharedStrings();
    int rejected = 0;
    for (Raw r : records) {
      AuditLine full = reader.decode(r.headers(), r.body());
      assertNotNull(full);
      assertEquals(full.forRendering(strings), parser.parse(r.headers(), r.body()));
      rejected += full.rejected() ? 1 : 0;
    }
    assertTrue(rejected > 1, "rejections and duplicates are among them");
  }

  @Test
  void whatTheFullDecodeRefuses_theParseRefusesToo() {
    Raw good = raw(DecidedHistory.withRollback(T0).events().get(3));
    List<UnaryOperator<String>> breakBody =
        List.of(
            body -> body.substring(0, body.length() / 2),
            body -> "[1,2]",
            // (A cluster other than the subject is valid: the blue of a later generation.)
            body -> body.replace("\"cluster\":\"orders-prod\",", ""),
            body -> body.replaceFirst("\"cause\":\\{[^}]*\\},", ""),
            body -> body.replaceFirst("\"to\":\"[A-Z_]+\"", "\"to\":\"SOMEWHERE\""),
            body -> body.replaceFirst("\"commands\":\\[[^\\]]*\\],?", ""));
    for (UnaryOperator<String> edit : breakBody) {
      String body = edit.apply(new String(good.body(), StandardCharsets.UTF_8));
      assertTrue(!body.equals(new String(good.body(), StandardCharsets.UTF_8)), body);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      assertNull(reader.decode(good.headers(), bytes), body);
      assertNull(parser.parse(good.headers(), bytes), body);
    }
    for (String header :
        List.of(
            CloudEventHeaders.TYPE,
            CloudEventHeaders.SPEC_VERSION,
            CloudEventHeaders.ID,
            CloudEventHeaders.SUBJECT,
            CloudEventHeaders.TIME)) {
      Headers without = new RecordHeaders(good.headers().toArray());
      without.remove(header);
      assertNull(reader.decode(without, good.body()), header);
      assertNull(parser.parse(without, good.body()), header);
    }
    Headers otherType = new RecordHeaders(good.headers().toArray());
    otherType.remove(CloudEventHeaders.TYPE);
    otherType.add(CloudEventHeaders.TYPE, "dev.bluegreen.UpgradeTransitioned.v9".getBytes());
    assertNull(reader.decode(otherType, good.body()));
    assertNull(parser.parse(otherType, good.body()));
  }

  @Test
  void instants_parseAsInstantParseDoes() {
    for (String s :
        List.of(
            "2026-11-25T04:25:11.899640221Z",
            "2026-11-25T04:25:11Z",
            "2026-11-25T04:25:11.8Z",
            "2026-11-25T04:25:11.120Z",
            "2024-02-29T23:59:59.999999999Z",
            "1969-12-31T23:59:59.5Z",
            "2026-11-25T04:25:11+01:00",
            "2026-11-25T04:25:11.5+00:00",
            "2026-11-25T24:00:00Z",
            "2026-12-31T23:59:60Z",
            "2026-11-25T04:25:11.Z")) {
      assertEquals(Instant.parse(s), AuditLineParser.instant(s), s);
    }
    for (String bad :
        List.of(
            "2026-02-30T04:25:11Z",
            "2026-11-25T04:61:00Z",
            "2026-11-25T04:25:11.1234567890Z",
            "soon")) {
      assertThrows(
          DateTimeParseException.class, () -> Instant.parse(bad), "Instant.parse refuses " + bad);
      assertThrows(
          DateTimeParseException.class, () -> AuditLineParser.instant(bad), "so does " + bad);
    }
  }

  private record Raw(Headers headers, byte[] body) {}

  private Raw raw(CloudEvent<?> event) {
    ProducerRecord<String, byte[]> record = codec.toRecord(event);
    return new Raw(record.headers(), record.value());
  }
}
