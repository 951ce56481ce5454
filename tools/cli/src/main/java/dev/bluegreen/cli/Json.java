package dev.bluegreen.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The API's JSON as trees: the CLI reads what it shows and passes the rest through. */
public final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** Parses an answer's body; an empty body is a missing node. */
  public static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return MAPPER.missingNode();
    }
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new CliFailure(
          ExitCodes.ERROR,
          "the API answered with something that is not JSON: " + e.getOriginalMessage());
    }
  }

  /** A field's text, or null when it is absent or null. */
  public static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() || value.isMissingNode() ? null : value.asText();
  }

  /** A field's text, or {@code otherwise}. */
  public static String text(JsonNode node, String field, String otherwise) {
    String value = text(node, field);
    return value == null ? otherwise : value;
  }

  /** JSON text of a tree. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
