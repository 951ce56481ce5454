package dev.bluegreen.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.CloudEventHeaders;
import dev.bluegreen.contracts.EventTypes;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.timeline.AuditLine;
import dev.bluegreen.timeline.SharedStrings;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;

/**
 * Reads the line a timeline shows straight off an audit record, in one pass of a streaming JSON
 * parser that skips what rendering never shows: the recorded input (with the input's data, most of
 * an entry), the versions, the step. No tree, no records, no maps: several times cheaper per entry
 * than decoding the whole entry, which only {@code --verify} needs.
 *
 * <p>It accepts exactly what {@link AuditReader#decode} accepts from a history our validating
 * writer produced: the CloudEvents envelope ({@code ce_specversion}, {@code ce_id}, {@code
 * ce_subject}: the logical cluster, which may differ from the data's blue cluster), an audit type
 * at a version this build knows, and the fields a line needs. {@code AuditLineParserTest} holds the
 * two to the same lines.
 */
final class AuditLineParser {

  private static final String TRANSITIONED = EventTypes.UPGRADE_TRANSITIONED.ceType();
  private static final String REJECTED = EventTypes.INPUT_REJECTED.ceType();

  private final JsonFactory json = new JsonFactory();
  private final SharedStrings strings;

  AuditLineParser(SharedStrings strings) {
    this.strings = strings;
  }

  /** The line as {@link AuditLine#forRendering} keeps it; null when not a complete audit entry. */
  AuditLine parse(Headers headers, byte[] body) {
    String ceType = CloudEventCodec.header(headers, CloudEventHeaders.TYPE);
    boolean transitioned = TRANSITIONED.equals(ceType);
    if (!transitioned && !REJECTED.equals(ceType) || body == null) {
      return null;
    }
    if (!CloudEventHeaders.SPEC_VERSION_VALUE.equals(
            CloudEventCodec.header(headers, CloudEventHeaders.SPEC_VERSION))
        || isBlank(CloudEventCodec.header(headers, CloudEventHeaders.ID))
        || isBlank(CloudEventCodec.header(headers, CloudEventHeaders.SOURCE))) {
      return null;
    }
    String subject = CloudEventCodec.header(headers, CloudEventHeaders.SUBJECT);
    try (JsonParser p = json.createParser(body)) {
      instant(CloudEventCodec.header(headers, CloudEventHeaders.TIME));
      return line(p, transitioned, subject);
    } catch (IOException | RuntimeException e) {
      // Not JSON, an unknown state, no or a bad time: unreadable, as decode says.
      return null;
    }
  }

  private AuditLine line(JsonParser p, boolean transitioned, String subject) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    String upgradeId = null;
    String cluster = null;
    UpgradeState from = null;
    UpgradeState to = null;
    String causeId = null;
    String causeType = null;
    boolean causeSeen = false;
    String actor = null;
    String reason = null;
    Instant at = null;
    List<String> commands = null;
    boolean duplicate = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (value == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (field) {
        case "upgradeId" -> upgradeId = p.getText();
        case "cluster" -> cluster = p.getText();
        case "from" -> from = transitioned ? UpgradeState.valueOf(p.getText()) : from;
        case "to" -> to = transitioned ? UpgradeState.valueOf(p.getText()) : to;
        case "state" -> to = transitioned ? to : UpgradeState.valueOf(p.getText());
        case "actor" -> actor = p.getText();
        case "reason" -> reason = p.getText();
        case "at" -> at = instant(p.getText());
        case "duplicate" -> duplicate = !transitioned && p.getValueAsBoolean();
        case "cause" -> {
          if (value != JsonToken.START_OBJECT) {
            return null;
          }
          causeSeen = true;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("eventId")) {
              causeId = p.getValueAsString();
            } else if (name.equals("type")) {
              causeType = p.getValueAsString();
            } else {
              p.skipChildren();
            }
          }
        }
        case "commands" -> {
          if (!transitioned) {
            p.skipChildren();
            break;
          }
          if (value != JsonToken.START_ARRAY) {
            return null;
          }
          commands = commandTypes(p);
        }
        default -> p.skipChildren(); // input, versions, step: rendering shows none of them
      }
    }
    if (cluster == null || subject == null || !causeSeen || at == null) {
      return null;
    }
    if (transitioned && commands == null) {
      return null;
    }
    return new AuditLine(
        null,
        at,
        strings.of(upgradeId),
        strings.of(cluster),
        transitioned ? from : null,
        to,
        !transitioned,
        strings.of(causeType),
        causeId,
        strings.of(actor),
        strings.of(
            transitioned ? reason : (duplicate ? "duplicate ignored: " : "rejected: ") + reason),
        strings.of(transitioned ? commands : List.of()),
        null);
  }

  /** The short types of a {@code commands} array, the parser on its START_ARRAY. */
  private static List<String> commandTypes(JsonParser p) throws IOException {
    List<String> types = new ArrayList<>(2);
    while (p.nextToken() == JsonToken.START_OBJECT) {
      String type = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("type")) {
          type = p.getValueAsString();
        } else {
          p.skipChildren();
        }
      }
      types.add(AuditLine.shortType(type));
    }
    return List.copyOf(types);
  }

  /**
   * {@link Instant#parse}, fast for the form our writers use ({@code 2026-11-25T04:25:11.8996Z}:
   * UTC, 0 to 9 fraction digits), which it reads without the general formatter (that was 40% of a
   * line's cost); anything else goes to {@link Instant#parse}, so the result is always the same.
   */
  static Instant instant(String s) {
    int n = s.length();
    if (n < 20
        || n > 30
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(n - 1) != 'Z') {
      return Instant.parse(s);
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    int nanos = 0;
    if (n > 20) {
      if (s.charAt(19) != '.' || n == 21) {
        return Instant.parse(s);
      }
      int fraction = digits(s, 20, n - 1);
      if (fraction < 0) {
        return Instant.parse(s);
      }
      nanos = fraction;
      for (int i = n - 1 - 20; i < 9; i++) {
        nanos *= 10;
      }
    } else if (s.charAt(19) != 'Z') {
      return Instant.parse(s);
    }
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 28 && day > YearMonth.of(year, month).lengthOfMonth()
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return Instant.parse(s); // leap seconds, impossible dates: the general parser decides
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** The decimal number in {@code s[from, to)}, or -1 when it is not all digits. */
  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
