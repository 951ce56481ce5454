package dev.bluegreen.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compatibility check catches each kind of breaking change, using deliberately broken copies of
 * a real schema kept in src/test/resources/broken.
 */
class SchemaCompatibilityTest {

  private final EventSchemas schemas = new EventSchemas();

  private List<String> changesTo(String brokenFile) {
    return changesTo("SetTrafficWeight", brokenFile);
  }

  private List<String> changesTo(String releasedEvent, String brokenFile) {
    JsonNode released =
        schemas
            .readResource(EventSchemas.RELEASED_PATH + EventSchemas.fileName(releasedEvent, 1))
            .orElseThrow();
    JsonNode broken = schemas.readResource("broken/" + brokenFile).orElseThrow();
    return SchemaCompatibility.breakingChanges(released, broken);
  }

  @Test
  void removingAField_isBreaking() {
    assertEquals(List.of("$.greenWeight: field removed"), changesTo("field-removed.json"));
  }

  @Test
  void retypingAField_isBreaking() {
    assertEquals(
        List.of("$.greenWeight: type changed from 'integer' to 'string'"),
        changesTo("field-retyped.json"));
  }

  @Test
  void makingAnOptionalFieldRequired_isBreaking() {
    assertEquals(
        List.of("$.approvedBy: optional field made required"),
        changesTo("DecommissionBlue", "optional-made-required.json"));
  }

  @Test
  void addingARequiredField_isBreaking() {
    assertEquals(
        List.of("$.reason: new field is required (new fields must be optional)"),
        changesTo("new-required-field.json"));
  }

  @Test
  void addingAnOptionalField_isCompatible() {
    List<String> changes = changesTo("optional-field-added.json");
    assertTrue(changes.isEmpty(), changes.toString());
  }
}
