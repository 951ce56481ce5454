package dev.bluegreen.cloudsim.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {
  private static final JsonNode OBJ = obj();

  private static JsonNode obj() {
    try {
      return new ObjectMapper()
          .readTree(
              "{\"metadata\":{\"name\":\"a\",\"labels\":{\"team\":\"payments\",\"tier\":\"web\"}}}");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void equalityInequalityExistenceAndSets() {
    assertTrue(LabelSelector.labels("team=payments,tier").test(OBJ));
    assertTrue(LabelSelector.labels("team==payments,!missing").test(OBJ));
    assertFalse(LabelSelector.labels("team!=payments").test(OBJ));
    assertTrue(LabelSelector.labels("tier in (web, api)").test(OBJ));
    assertFalse(LabelSelector.labels("tier notin (web)").test(OBJ));
    assertTrue(LabelSelector.labels(null).test(OBJ));
  }

  @Test
  void fieldSelectorOnName() {
    assertTrue(LabelSelector.fields("metadata.name=a").test(OBJ));
    assertFalse(LabelSelector.fields("metadata.name!=a").test(OBJ));
  }
}
