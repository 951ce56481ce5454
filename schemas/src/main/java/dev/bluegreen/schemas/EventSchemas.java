package dev.bluegreen.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event schemas shipped in this jar, loaded from the classpath and compiled once per instance.
 *
 * <p>Schemas are named {@code <EventName>.v<major>.schema.json}; one file per event type and major
 * version. Every reader and writer validates against these very files, so no service keeps a copy.
 */
public final class EventSchemas {

  /** Where the schemas live on the classpath. */
  public static final String EVENTS_PATH = "schemas/events/";

  /** Where the schemas of the last release live on the classpath (the compatibility baseline). */
  public static final String RELEASED_PATH = "schemas/released/";

  /** Where the example documents live on the classpath. */
  public static final String EXAMPLES_PATH = "schemas/examples/";

  private final ObjectMapper json = new ObjectMapper();
  // x-ce-type documents the CloudEvent type beside the schema; it is not a validation keyword.
  private final JsonSchemaFactory factory =
      JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012))
          .metaSchema(
              JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                  .keyword(new NonValidationKeyword("x-ce-type"))
                  .build())
          .build();
  private final SchemaValidatorsConfig config =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
  private final Map<String, Optional<JsonSchema>> compiled = new ConcurrentHashMap<>();

  /** The file name of a schema. */
  public static String fileName(String eventName, int majorVersion) {
    return eventName + ".v" + majorVersion + ".schema.json";
  }

  /** The file name of a schema's example document. */
  public static String exampleFileName(String eventName, int majorVersion) {
    return eventName + ".v" + majorVersion + ".example.json";
  }

  /** The compiled schema, or empty when this jar has no schema for that event and version. */
  public Optional<JsonSchema> schema(String eventName, int majorVersion) {
    return compiled.computeIfAbsent(
        fileName(eventName, majorVersion),
        file -> readResource(EVENTS_PATH + file).map(node -> factory.getSchema(node, config)));
  }

  /**
   * Validates a document against its schema.
   *
   * @return the violations, empty when valid
   * @throws IllegalArgumentException when there is no such schema
   */
  public List<String> validate(String eventName, int majorVersion, JsonNode document) {
    JsonSchema schema =
        schema(eventName, majorVersion)
            .orElseThrow(
                () ->
                    new IllegalArgumentException("no schema " + fileName(eventName, majorVersion)));
    return schema.validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
  }

  /** Reads a JSON resource from the classpath, if present. */
  public Optional<JsonNode> readResource(String path) {
    try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(json.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
