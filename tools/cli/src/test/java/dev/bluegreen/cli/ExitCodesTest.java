package dev.bluegreen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExitCodesTest {

  @Test
  void completed_isZero_andEveryOtherOutcomeHasItsOwnCode() {
    assertEquals(0, ExitCodes.ofOutcome("COMPLETED"));
    List<Integer> codes =
        List.of(
            ExitCodes.ofOutcome("FAILED"),
            ExitCodes.ofOutcome("ROLLED_BACK"),
            ExitCodes.ofOutcome("CANCELLED"),
            ExitCodes.GAVE_UP,
            ExitCodes.ERROR,
            ExitCodes.USAGE);
    assertEquals(codes.size(), Set.copyOf(codes).size(), "distinct: " + codes);
    assertFalse(codes.contains(0));
  }

  @Test
  void aStateThatHasNotEnded_isNoOutcome() {
    assertTrue(ExitCodes.isOutcome("ROLLED_BACK"));
    assertFalse(ExitCodes.isOutcome("ROLLING_BACK"));
    assertFalse(ExitCodes.isOutcome("PAUSED"));
    assertThrows(IllegalArgumentException.class, () -> ExitCodes.ofOutcome("SHIFTING"));
  }
}
