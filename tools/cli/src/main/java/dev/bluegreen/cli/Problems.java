package dev.bluegreen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns an error answer of the API into one line for a person. The API answers every 4xx and 5xx
 * with an RFC 9457 problem ({@code application/problem+json}: type, title, status, detail, field,
 * activeUpgradeId, state); anything else (a proxy's HTML page, an empty body) is summarised by its
 * status.
 */
public final class Problems {

  /** Media type of problem bodies. */
  public static final String MEDIA_TYPE = "application/problem+json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_PLAIN_BODY = 200;

  private Problems() {}

  /**
   * One line: {@code title: detail (field: x)}, plus the active upgrade or the state when the
   * problem names them.
   */
  public static String describe(int status, String contentType, String body) {
    JsonNode problem = parseProblem(contentType, body);
    if (problem == null) {
      String plain = body == null ? "" : body.strip().replaceAll("\\s+", " ");
      if (plain.length() > MAX_PLAIN_BODY) {
        plain = plain.substring(0, MAX_PLAIN_BODY) + "...";
      }
      return "HTTP " + status + (plain.isEmpty() ? "" : ": " + plain);
    }
    StringBuilder line = new StringBuilder(text(problem, "title", "HTTP " + status));
    String detail = text(problem, "detail", null);
    if (detail != null) {
      line.append(": ").append(detail);
    }
    String field = text(problem, "field", null);
    if (field != null) {
      line.append(" (field: ").append(field).append(')');
    }
    String active = text(problem, "activeUpgradeId", null);
    if (active != null) {
      line.append(" (active upgrade: ").append(active).append(')');
    }
    String state = text(problem, "state", null);
    if (state != null) {
      line.append(" (state: ").append(state).append(')');
    }
    return line.toString();
  }

  private static JsonNode parseProblem(String contentType, String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    boolean declared = contentType != null && contentType.startsWith(MEDIA_TYPE);
    boolean looksJson = body.stripLeading().startsWith("{");
    if (!declared && !looksJson) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.isObject() && (node.has("title") || node.has("detail"))
          ? node
          : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static String text(JsonNode node, String field, String otherwise) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isBlank() ? otherwise : value.asText();
  }
}
