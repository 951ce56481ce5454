package dev.bluegreen.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a schema can replace its released version under the same major version.
 *
 * <p>Within a major version every change must let old readers read new events and new readers read
 * old events. So these are breaking: removing a field, changing its type, making an optional field
 * required, adding a new required field, and removing an enum value. Adding an optional field,
 * relaxing a requirement, and documentation changes are fine. A breaking change needs a new major
 * version ({@code .v2}) that lives beside the old one.
 */
public final class SchemaCompatibility {

  private SchemaCompatibility() {}

  /** The breaking changes from {@code released} to {@code current}; empty when compatible. */
  public static List<String> breakingChanges(JsonNode released, JsonNode current) {
    List<String> problems = new ArrayList<>();
    compare("$", released, current, problems);
    return problems;
  }

  private static void compare(String path, JsonNode old, JsonNode now, List<String> problems) {
    String oldType = old.path("type").asText("");
    String newType = now.path("type").asText("");
    if (!oldType.equals(newType)) {
      problems.add(path + ": type changed from '" + oldType + "' to '" + newType + "'");
      return;
    }
    if (old.has("enum")) {
      Set<String> newValues = new HashSet<>();
      now.path("enum").forEach(v -> newValues.add(v.asText()));
      for (JsonNode value : old.path("enum")) {
        if (now.has("enum") && !newValues.contains(value.asText())) {
          problems.add(path + ": enum value '" + value.asText() + "' removed");
        }
      }
    }
    if ("object".equals(oldType)) {
      Set<String> oldRequired = names(old.path("required"));
      Set<String> newRequired = names(now.path("required"));
      JsonNode oldProps = old.path("properties");
      JsonNode newProps = now.path("properties");
      for (Iterator<Map.Entry<String, JsonNode>> it = oldProps.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String fieldPath = path + "." + field.getKey();
        if (!newProps.has(field.getKey())) {
          problems.add(fieldPath + ": field removed");
          continue;
        }
        if (!oldRequired.contains(field.getKey()) && newRequired.contains(field.getKey())) {
          problems.add(fieldPath + ": optional field made required");
        }
        compare(fieldPath, field.getValue(), newProps.get(field.getKey()), problems);
      }
      for (String required : newRequired) {
        if (!oldProps.has(required)) {
          problems.add(
              path + "." + required + ": new field is required (new fields must be optional)");
        }
      }
    }
    if ("array".equals(oldType) && old.has("items") && now.has("items")) {
      compare(path + "[]", old.get("items"), now.get("items"), problems);
    }
  }

  private static Set<String> names(JsonNode array) {
    Set<String> names = new HashSet<>();
    array.forEach(n -> names.add(n.asText()));
    return names;
  }
}
