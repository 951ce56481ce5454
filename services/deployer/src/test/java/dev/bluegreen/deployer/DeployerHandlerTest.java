package dev.bluegreen.deployer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bluegreen.contracts.events.DeployWorkloads;
import dev.bluegreen.contracts.events.DeregisterGreen;
import dev.bluegreen.contracts.events.HandOverCronJobs;
import dev.bluegreen.contracts.events.HandoverDirection;
import dev.bluegreen.contracts.events.Phase;
import dev.bluegreen.contracts.events.VerifyGreen;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeployerHandlerTest {
  private final DeployerHandler handler = new DeployerHandler();

  @Test
  void accepts_exactlyTheDeployersFourCommands() {
    assertEquals(
        Set.of(
            DeployWorkloads.class,
            VerifyGreen.class,
            HandOverCronJobs.class,
            DeregisterGreen.class),
        handler.accepts());
  }

  @Test
  void phaseOf_eachCommand_namesThePhaseItsFailuresBelongTo() {
    assertEquals(Phase.DEPLOYING, handler.phaseOf(new DeployWorkloads("c", "u", "b", "g")));
    assertEquals(Phase.VERIFYING, handler.phaseOf(new VerifyGreen("c", "u", "b", "g")));
    assertEquals(
        Phase.HANDOVER,
        handler.phaseOf(new HandOverCronJobs("c", "u", "b", "g", HandoverDirection.BLUE_TO_GREEN)));
    assertEquals(
        Phase.ROLLING_BACK,
        handler.phaseOf(new HandOverCronJobs("c", "u", "b", "g", HandoverDirection.GREEN_TO_BLUE)));
    assertEquals(Phase.CLEANING_UP, handler.phaseOf(new DeregisterGreen("c", "u", "b", "g")));
  }
}
