package dev.bluegreen.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Audit records as captured off a real topic (e2e's {@code RollbackHistoryCapture}), one JSON
 * object a line: {@code partition}, {@code offset}, {@code timestamp}, {@code key}, {@code headers}
 * (name to UTF-8 text) and {@code value} (the JSON body as text, byte for byte). They decode
 * exactly as {@link AuditReader} decodes the topic.
 */
public final class CapturedRecords {

  /**
   * One captured record.
   *
   * @param key the Kafka key (the blue cluster)
   * @param headers the {@code ce_*} headers as text
   * @param value the body
   */
  public record Captured(String key, Map<String, String> headers, byte[] value) {

    /** The headers as Kafka headers. */
    public Headers kafkaHeaders() {
      RecordHeaders out = new RecordHeaders();
      headers.forEach((k, v) -> out.add(k, v.getBytes(StandardCharsets.UTF_8)));
      return out;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private CapturedRecords() {}

  /** Reads a capture file, in the order it was captured (log order). */
  public static List<Captured> read(Path file) {
    List<Captured> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(line);
        Map<String, String> headers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("headers").fields();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> h = it.next();
          headers.put(h.getKey(), h.getValue().asText());
        }
        out.add(
            new Captured(
                n.path("key").asText(),
                headers,
                n.path("value").asText().getBytes(StandardCharsets.UTF_8)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read captured records from " + file, e);
    }
    return out;
  }
}
