package dev.bluegreen.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a Java record with its JSON Schema, recursively: the same field names, the same required
 * fields, compatible types and the same enum values. This is what keeps a type and its schema from
 * drifting apart.
 */
final class RecordSchemaDrift {

  private static final ObjectMapper JSON = CloudEventCodec.newObjectMapper();

  private RecordSchemaDrift() {}

  static List<String> differences(Class<?> record, JsonNode schema) {
    List<String> out = new ArrayList<>();
    compareObject(record.getSimpleName(), record, schema, out);
    return out;
  }

  private static void compareObject(
      String path, Class<?> record, JsonNode schema, List<String> out) {
    if (!record.isRecord()) {
      out.add(path + ": " + record.getName() + " is not a record but the schema is an object");
      return;
    }
    Set<String> schemaFields = new TreeSet<>();
    schema.path("properties").fieldNames().forEachRemaining(schemaFields::add);
    Set<String> required = new HashSet<>();
    schema.path("required").forEach(n -> required.add(n.asText()));
    Set<String> recordFields = new TreeSet<>();
    for (RecordComponent c : record.getRecordComponents()) {
      recordFields.add(c.getName());
      String fieldPath = path + "." + c.getName();
      if (!schemaFields.contains(c.getName())) {
        out.add(fieldPath + ": in the record, not in the schema");
        continue;
      }
      boolean optional = c.isAnnotationPresent(OptionalField.class);
      if (optional && required.contains(c.getName())) {
        out.add(fieldPath + ": @OptionalField in the record, required in the schema");
      }
      if (!optional && !required.contains(c.getName())) {
        out.add(
            fieldPath + ": required in the record, optional in the schema (add @OptionalField)");
      }
      compareType(fieldPath, c.getGenericType(), schema.path("properties").path(c.getName()), out);
    }
    for (String f : schemaFields) {
      if (!recordFields.contains(f)) {
        out.add(path + "." + f + ": in the schema, not in the record");
      }
    }
  }

  private static void compareType(String path, Type type, JsonNode schema, List<String> out) {
    String jsonType = schema.path("type").asText();
    Class<?> raw = raw(type);
    switch (jsonType) {
      case "string" -> {
        if (raw.isEnum()) {
          compareEnum(path, raw, schema, out);
        } else if (schema.has("enum")) {
          out.add(path + ": the schema has an enum, the record a " + raw.getSimpleName());
        } else if ("date-time".equals(schema.path("format").asText())) {
          expect(path, raw, out, Instant.class);
        } else if (schema.path("description").asText().contains("ISO-8601 duration")) {
          expect(path, raw, out, Duration.class);
        } else {
          expect(path, raw, out, String.class);
        }
      }
      case "integer" -> expect(path, raw, out, int.class, Integer.class, long.class, Long.class);
      case "number" -> expect(path, raw, out, double.class, Double.class);
      case "boolean" -> expect(path, raw, out, boolean.class, Boolean.class);
      case "array" -> {
        if (expect(path, raw, out, List.class)) {
          Type item = ((ParameterizedType) type).getActualTypeArguments()[0];
          compareType(path + "[]", item, schema.path("items"), out);
        }
      }
      case "object" -> {
        if (schema.has("properties")) {
          compareObject(path, raw, schema, out);
        } else {
          expect(path, raw, out, Map.class);
        }
      }
      default ->
          out.add(path + ": schema type '" + jsonType + "' is not supported by the contracts");
    }
  }

  private static void compareEnum(
      String path, Class<?> enumType, JsonNode schema, List<String> out) {
    Set<String> javaValues = new TreeSet<>();
    for (Object constant : enumType.getEnumConstants()) {
      javaValues.add(JSON.valueToTree(constant).asText());
    }
    Set<String> schemaValues = new TreeSet<>();
    schema.path("enum").forEach(n -> schemaValues.add(n.asText()));
    if (!javaValues.equals(schemaValues)) {
      out.add(path + ": enum values differ: record " + javaValues + ", schema " + schemaValues);
    }
  }

  private static boolean expect(String path, Class<?> raw, List<String> out, Class<?>... allowed) {
    if (Arrays.asList(allowed).contains(raw)) {
      return true;
    }
    out.add(
        path
            + ": "
            + raw.getSimpleName()
            + " does not match the schema; expected one of "
            + Arrays.stream(allowed).map(Class::getSimpleName).toList());
    return false;
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalArgumentException("unsupported type " + type);
  }
}
