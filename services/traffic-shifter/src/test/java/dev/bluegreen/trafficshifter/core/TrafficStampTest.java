package dev.bluegreen.trafficshifter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrafficStampTest {

  @Test
  void value_roundTripsThroughTheTag() {
    var step = TrafficStamp.step("2b7c-44/x", 3);
    var rollback = TrafficStamp.rollback("2b7c-44/x");

    assertEquals("2b7c-44/x/step/3", step.value());
    assertEquals(Optional.of(step), TrafficStamp.parse(step.value()));
    assertEquals("2b7c-44/x/rollback", rollback.value());
    assertEquals(Optional.of(rollback), TrafficStamp.parse(rollback.value()));
  }

  @Test
  void parse_ignoresValuesNotWrittenByUs() {
    assertEquals(Optional.empty(), TrafficStamp.parse(null));
    assertEquals(Optional.empty(), TrafficStamp.parse("manual"));
    assertEquals(Optional.empty(), TrafficStamp.parse("u/step/x"));
    assertEquals(Optional.empty(), TrafficStamp.parse("/step/1"));
    assertEquals(Optional.empty(), TrafficStamp.parse("/rollback"));
  }

  @Test
  void supersedes_onlyEarlierStepsOfTheSameUpgrade() {
    var step2 = TrafficStamp.step("u", 2);

    assertTrue(step2.supersedes(TrafficStamp.step("u", 1)));
    assertFalse(step2.supersedes(TrafficStamp.step("u", 2)));
    assertFalse(step2.supersedes(TrafficStamp.step("u", 3)));
    assertFalse(step2.supersedes(TrafficStamp.step("v", 0)));
    assertFalse(step2.supersedes(TrafficStamp.rollback("u")));
  }

  @Test
  void aRollback_supersedesEveryStepOfItsUpgrade_butNotAnotherRollback() {
    var rollback = TrafficStamp.rollback("u");

    assertTrue(rollback.supersedes(TrafficStamp.step("u", 99)));
    assertFalse(rollback.supersedes(TrafficStamp.rollback("u")));
    assertFalse(rollback.supersedes(TrafficStamp.step("v", 0)));
  }
}
