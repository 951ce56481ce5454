package dev.bluegreen.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.CloudEventHeaders;
import dev.bluegreen.contracts.EventTypes;
import dev.bluegreen.contracts.events.UpgradeState;
import java.io.IOException;
import java.time.Instant;
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
 * ce_subject} equal to the data's cluster), an audit type at a version this build knows, and the
 * fields a line needs. {@code AuditLineParserTest} holds the two to the same lines.
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
      Instant.parse(CloudEventCodec.header(headers, CloudEventHeaders.TIME));
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
        case "at" -> at = Instant.parse(p.getText());
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
    if (cluster == null || !cluster.equals(subject) || !causeSeen || at == null) {
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

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
