package dev.bluegreen.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every schema file is well-formed, named consistently, and has a valid example document. */
class SchemaFilesTest {

  private static final Pattern FILE = Pattern.compile("([A-Z][A-Za-z]+)\\.v(\\d+)\\.schema\\.json");
  private final EventSchemas schemas = new EventSchemas();

  static Stream<String> schemaFiles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("events"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertFalse(names.isEmpty(), "no schemas found in schemas/events");
      return names.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("schemaFiles")
  void schema_isNamedAfterItsEventAndVersion(String file) {
    Matcher m = FILE.matcher(file);
    assertTrue(m.matches(), file + " must be named <EventName>.v<major>.schema.json");
    JsonNode schema = schemas.readResource(EventSchemas.EVENTS_PATH + file).orElseThrow();
    assertEquals(m.group(1), schema.path("title").asText(), "title of " + file);
    assertEquals(
        "dev.bluegreen." + m.group(1) + ".v" + m.group(2),
        schema.path("x-ce-type").asText(),
        "x-ce-type of " + file);
  }

  @ParameterizedTest
  @MethodSource("schemaFiles")
  void example_validatesAgainstItsSchema(String file) {
    Matcher m = FILE.matcher(file);
    assertTrue(m.matches());
    String name = m.group(1);
    int major = Integer.parseInt(m.group(2));
    JsonNode example =
        schemas
            .readResource(EventSchemas.EXAMPLES_PATH + EventSchemas.exampleFileName(name, major))
            .orElseThrow(() -> new AssertionError("no example for " + file));
    assertEquals(List.of(), schemas.validate(name, major, example), "example of " + file);
  }

  @ParameterizedTest
  @MethodSource("schemaFiles")
  void example_withoutARequiredField_isRejected(String file) {
    Matcher m = FILE.matcher(file);
    assertTrue(m.matches());
    String name = m.group(1);
    int major = Integer.parseInt(m.group(2));
    JsonNode schema = schemas.readResource(EventSchemas.EVENTS_PATH + file).orElseThrow();
    ObjectNode example =
        (ObjectNode)
            schemas
                .readResource(
                    EventSchemas.EXAMPLES_PATH + EventSchemas.exampleFileName(name, major))
                .orElseThrow();
    String required = schema.path("required").get(0).asText();
    example.remove(required);
    List<String> problems = schemas.validate(name, major, example);
    assertFalse(problems.isEmpty(), "removing " + required + " must make the example invalid");
  }

  @ParameterizedTest
  @MethodSource("schemaFiles")
  void schema_isCompatibleWithItsReleasedVersion(String file) {
    JsonNode current = schemas.readResource(EventSchemas.EVENTS_PATH + file).orElseThrow();
    schemas
        .readResource(EventSchemas.RELEASED_PATH + file)
        .ifPresent(
            released ->
                assertEquals(
                    List.of(),
                    SchemaCompatibility.breakingChanges(released, current),
                    file
                        + " changed incompatibly since its release: publish a new major version"
                        + " beside it instead"));
  }
}
