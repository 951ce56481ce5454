package dev.bluegreen.notifier.core;

import static dev.bluegreen.notifier.core.Entries.rejected;
import static dev.bluegreen.notifier.core.Entries.transition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.events.Cause;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SeverityTest {

  @ParameterizedTest
  @EnumSource(
      value = UpgradeState.class,
      names = {"FAILED", "ROLLED_BACK", "ROLLING_BACK", "CLEANING_UP"})
  void arrivingInAFailureState_isAFailure(UpgradeState to) {
    assertEquals(Severity.FAILURE, Severity.of(transition(UpgradeState.SHIFTING, to)));
  }

  @ParameterizedTest
  @EnumSource(
      value = UpgradeState.class,
      names = {"AWAITING_SHIFT_APPROVAL", "AWAITING_DECOMMISSION_APPROVAL", "PAUSED"})
  void waitingForAPerson_needsAction(UpgradeState to) {
    assertEquals(Severity.ACTION_NEEDED, Severity.of(transition(UpgradeState.VERIFYING, to)));
  }

  @Test
  void completed_isASuccess() {
    assertEquals(
        Severity.SUCCESS,
        Severity.of(transition(UpgradeState.DECOMMISSIONING, UpgradeState.COMPLETED)));
  }

  @Test
  void everyOtherState_isInfo() {
    EnumSet<UpgradeState> others =
        EnumSet.of(
            UpgradeState.REQUESTED,
            UpgradeState.PREFLIGHT,
            UpgradeState.PROVISIONING,
            UpgradeState.DEPLOYING,
            UpgradeState.VERIFYING,
            UpgradeState.AWAITING_WINDOW,
            UpgradeState.SHIFTING,
            UpgradeState.HANDOVER,
            UpgradeState.SOAKING,
            UpgradeState.DECOMMISSIONING,
            UpgradeState.CANCELLED);
    for (UpgradeState to : others) {
      assertEquals(Severity.INFO, Severity.of(transition(null, to)), to.name());
    }
    // Every state is judged: the sets above and in the parameterized tests cover the enum.
    assertEquals(19, UpgradeState.values().length);
  }

  @Test
  void theFleetsFreezesToldToAnUpgrade_areInfo_whateverItsState() {
    UpgradeTransitioned rollingBack =
        transition(UpgradeState.ROLLING_BACK, UpgradeState.ROLLING_BACK);
    UpgradeTransitioned told =
        new UpgradeTransitioned(
            rollingBack.upgradeId(),
            rollingBack.cluster(),
            rollingBack.from(),
            rollingBack.to(),
            new Cause("fleet-freezes:upg-1:1", Cause.FLEET_FREEZES),
            "orchestrator-freezes",
            "fleet freeze 'incident' declared",
            rollingBack.at(),
            1,
            null,
            List.of(),
            null,
            null,
            null,
            null);
    assertEquals(Severity.FAILURE, Severity.of(rollingBack));
    assertEquals(Severity.INFO, Severity.of(told));
  }

  @Test
  void firstEntry_withoutAFromState_isJudgedByItsTarget() {
    assertEquals(Severity.INFO, Severity.of(transition(null, UpgradeState.REQUESTED)));
  }

  @Test
  void rejectedInput_isAWarning_unlessItWasADuplicate() {
    assertEquals(Severity.WARNING, Severity.of(rejected(false)));
    assertEquals(Severity.INFO, Severity.of(rejected(true)));
  }

  @Test
  void severitiesAreOrdered_fromInfoToFailure() {
    assertTrue(Severity.FAILURE.isAtLeast(Severity.ACTION_NEEDED));
    assertTrue(Severity.ACTION_NEEDED.isAtLeast(Severity.WARNING));
    assertTrue(Severity.WARNING.isAtLeast(Severity.SUCCESS));
    assertTrue(Severity.SUCCESS.isAtLeast(Severity.INFO));
    assertFalse(Severity.INFO.isAtLeast(Severity.SUCCESS));
  }
}
