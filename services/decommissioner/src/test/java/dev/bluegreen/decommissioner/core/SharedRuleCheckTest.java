package dev.bluegreen.decommissioner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.naming.SharedRules;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedRuleCheckTest {

  static BlueEstate estateWith(List<SharedRules.IngressRule> forAPerson) {
    return BlueEstate.builder().sharedRulesForAPerson(forAPerson).build();
  }

  @Test
  void noRuleLeftForAPerson_passes() {
    assertTrue(SharedRuleCheck.check(Sample.BLUE, estateWith(List.of())).isEmpty());
  }

  @Test
  void aRuleLeftForAPerson_stopsRetirement_namingItAndWhatToDo() {
    SharedRules.IngressRule rule =
        new SharedRules.IngressRule(
            "sgr-1",
            "sg-db",
            "tcp",
            5432,
            5432,
            "sg-blue",
            Map.of(),
            Map.of("bluegreen.dev/mirror", "never"));

    Failure f = SharedRuleCheck.check(Sample.BLUE, estateWith(List.of(rule))).orElseThrow();

    assertEquals(SharedRuleCheck.CODE, f.errorCode());
    assertFalse(f.retryable(), "a person must act first");
    assertTrue(f.reason().contains("sg-db/sgr-1 (tcp 5432)"), f.reason());
    assertTrue(f.reason().contains("security group sg-blue"), f.reason());
    assertEquals("sg-blue", f.evidence().get("blueSecurityGroup"));
  }
}
