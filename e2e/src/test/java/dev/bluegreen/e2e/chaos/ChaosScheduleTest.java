package dev.bluegreen.e2e.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChaosScheduleTest {

  private static final List<String> SERVICES = List.of("orchestrator", "provisioner", "deployer");
  private static final Duration WINDOW = Duration.ofSeconds(60);

  @Test
  void sameSeed_givesTheSameActionsAtTheSameTimes() {
    assertEquals(
        ChaosSchedule.generate(42, 10, 10, WINDOW, SERVICES),
        ChaosSchedule.generate(42, 10, 10, WINDOW, SERVICES));
  }

  @Test
  void anotherSeed_givesAnotherSchedule() {
    assertNotEquals(
        ChaosSchedule.generate(42, 10, 10, WINDOW, SERVICES).actions(),
        ChaosSchedule.generate(43, 10, 10, WINDOW, SERVICES).actions());
  }

  @Test
  void schedule_holdsTheKillsAndFaultsAskedFor_inOrder_withinTheWindow_ofTheServicesGiven() {
    ChaosSchedule schedule = ChaosSchedule.generate(7, 50, 30, WINDOW, SERVICES);

    assertEquals(50, schedule.kills());
    assertEquals(30, schedule.faults());
    Duration previous = Duration.ZERO;
    for (ChaosSchedule.Action a : schedule.actions()) {
      assertTrue(a.at().compareTo(previous) >= 0, "in order: " + a);
      assertTrue(a.at().compareTo(WINDOW) < 0, "within the window: " + a);
      previous = a.at();
      if (a instanceof ChaosSchedule.Kill k) {
        assertTrue(SERVICES.contains(k.service()), k.toString());
      } else if (a instanceof ChaosSchedule.CloudFault f) {
        assertTrue(f.fault().id() == null, "the registry assigns ids: " + f);
        assertTrue(
            f.lasting().toMillis() >= 2_000 && f.lasting().toMillis() < 10_000, f.toString());
      }
    }
    // Over 50 kills every service is hit, and over 30 faults every kind is injected.
    assertEquals(
        SERVICES.size(),
        schedule.actions().stream()
            .filter(ChaosSchedule.Kill.class::isInstance)
            .map(a -> ((ChaosSchedule.Kill) a).service())
            .distinct()
            .count());
    assertEquals(
        4,
        schedule.actions().stream()
            .filter(ChaosSchedule.CloudFault.class::isInstance)
            .map(a -> ((ChaosSchedule.CloudFault) a).kind())
            .distinct()
            .count());
  }

  @Test
  void brokerRestarts_comeOnTopOfTheSameKillsAndFaults_withinTheWindow() {
    ChaosSchedule without = ChaosSchedule.generate(7, 20, 10, WINDOW, SERVICES);
    ChaosSchedule with = ChaosSchedule.generate(7, 20, 10, 3, WINDOW, SERVICES);

    assertEquals(3, with.brokerRestarts());
    assertEquals(
        without.actions(),
        with.actions().stream().filter(a -> !(a instanceof ChaosSchedule.BrokerRestart)).toList(),
        "a seed's kills and faults do not move when broker restarts are added");
    for (ChaosSchedule.Action a : with.actions()) {
      if (a instanceof ChaosSchedule.BrokerRestart r) {
        assertTrue(r.at().compareTo(WINDOW) < 0, r.toString());
        assertTrue(r.downFor().toMillis() >= 1_000 && r.downFor().toMillis() < 5_000, r.toString());
      }
    }
  }

  @Test
  void notifierKillsAndStuckResources_comeOnTopOfTheSameSchedule() {
    ChaosSchedule before = ChaosSchedule.generate(7, 20, 10, 3, WINDOW, SERVICES);
    ChaosSchedule with =
        ChaosSchedule.generate(7, new ChaosSchedule.Mix(20, 10, 3, 4, 30), WINDOW, SERVICES);

    assertEquals(
        withoutNodePicks(before.actions()),
        withoutNodePicks(
            with.actions().stream()
                .filter(a -> !(a instanceof ChaosSchedule.StuckResource))
                .filter(a -> !(a instanceof ChaosSchedule.Kill k && k.service().equals("notifier")))
                .toList()),
        "a seed's kills, faults and broker restarts do not move when the new kinds are added");
    assertEquals(24, with.kills());
    assertEquals(30, with.stuckResources());
    assertEquals(10, with.faults(), "stuck resources are counted apart from the faults");
    for (ChaosSchedule.Action a : with.actions()) {
      assertTrue(a.at().compareTo(WINDOW) < 0, "within the window: " + a);
      if (a instanceof ChaosSchedule.StuckResource s) {
        assertTrue(s.pick() >= 0 && s.pick() < 1, s.toString());
        assertTrue(
            s.lasting().toMillis() >= 5_000 && s.lasting().toMillis() < 45_000, s.toString());
      }
    }
    // Over 30 stuck resources every target is drawn.
    assertEquals(
        ChaosSchedule.Target.values().length,
        with.actions().stream()
            .filter(ChaosSchedule.StuckResource.class::isInstance)
            .map(a -> ((ChaosSchedule.StuckResource) a).target())
            .distinct()
            .count());
  }

  @Test
  void theOldMix_isTheScheduleWithoutTheNewKinds() {
    assertEquals(
        ChaosSchedule.generate(11, 8, 6, 2, WINDOW, SERVICES),
        ChaosSchedule.generate(11, new ChaosSchedule.Mix(8, 6, 2, 0, 0), WINDOW, SERVICES));
  }

  @Test
  void longHolds_comeOnTopOfTheSameSchedule_atTheStart_pastThePhaseTimeout() {
    ChaosSchedule.Mix mix = new ChaosSchedule.Mix(20, 10, 3, 4, 5);
    ChaosSchedule before = ChaosSchedule.generate(7, mix, WINDOW, SERVICES);
    ChaosSchedule with =
        ChaosSchedule.generate(7, new ChaosSchedule.Mix(20, 10, 3, 4, 5, 12), WINDOW, SERVICES);

    assertEquals(
        withoutNodePicks(before.actions()),
        withoutNodePicks(
            with.actions().stream().filter(a -> !(a instanceof ChaosSchedule.LongStuck)).toList()),
        "a seed's earlier actions do not move when long holds are added");
    assertEquals(12, with.longStuck().size());
    assertEquals(5, with.stuckResources(), "long holds are counted apart");
    for (ChaosSchedule.LongStuck l : with.longStuck()) {
      assertEquals(Duration.ZERO, l.at(), "put in place as the upgrade is requested: " + l);
      assertTrue(
          l.target() == ChaosSchedule.Target.GREEN_CLUSTER
              || l.target() == ChaosSchedule.Target.GREEN_NODEGROUP,
          "green's, held while provisioning: " + l);
      Duration pastTimeout = l.lasting().minus(ChaosSchedule.LONG_STUCK_TIMEOUT);
      assertTrue(
          pastTimeout.toMillis() >= 15_000 && pastTimeout.toMillis() < 45_000,
          "held 15-45 s past the timeout: " + l);
    }
  }

  @Test
  void longHolds_pickDifferentUpgrades_asLongAsThereAreSome() {
    Duration s = Duration.ofSeconds(1);
    ChaosSchedule.Target t = ChaosSchedule.Target.GREEN_CLUSTER;
    ChaosSchedule.LongStuck half = new ChaosSchedule.LongStuck(Duration.ZERO, t, 0.5, s);
    ChaosSchedule.LongStuck last = new ChaosSchedule.LongStuck(Duration.ZERO, t, 0.9999, s);

    assertEquals(3, half.upgradeIndex(6, Set.of()));
    assertEquals(4, half.upgradeIndex(6, Set.of(3)));
    assertEquals(0, last.upgradeIndex(6, Set.of(5)), "wraps around");
    assertEquals(-1, half.upgradeIndex(2, Set.of(0, 1)), "every upgrade already held");
  }

  @Test
  void brokerRestarts_pickANode_drawnAfterEveryOtherKind_soTheRestStaysAsItWas() {
    ChaosSchedule.Mix mix = new ChaosSchedule.Mix(20, 10, 30, 4, 5, 2);
    ChaosSchedule schedule = ChaosSchedule.generate(7, mix, WINDOW, SERVICES);
    ChaosSchedule withLosses =
        ChaosSchedule.generate(7, new ChaosSchedule.Mix(20, 10, 30, 4, 5, 2, 3), WINDOW, SERVICES);

    assertEquals(
        schedule.actions(),
        withLosses.actions().stream()
            .filter(a -> !(a instanceof ChaosSchedule.BrokersLost))
            .toList(),
        "two brokers lost at once are drawn last");
    assertEquals(3, withLosses.brokersLost());
    List<Integer> nodes =
        schedule.actions().stream()
            .filter(ChaosSchedule.BrokerRestart.class::isInstance)
            .map(a -> ((ChaosSchedule.BrokerRestart) a).node(3))
            .toList();
    assertEquals(30, nodes.size());
    assertEquals(Set.of(1, 2, 3), Set.copyOf(nodes), "over 30 restarts every node is crashed");
    schedule.actions().stream()
        .filter(ChaosSchedule.BrokerRestart.class::isInstance)
        .forEach(a -> assertEquals(1, ((ChaosSchedule.BrokerRestart) a).node(1), "one broker"));
    for (ChaosSchedule.Action a : withLosses.actions()) {
      if (a instanceof ChaosSchedule.BrokersLost lost) {
        assertTrue(a.at().compareTo(WINDOW) < 0, "within the window: " + a);
        assertTrue(
            lost.downFor().toMillis() >= 5_000 && lost.downFor().toMillis() < 15_000, a.toString());
      }
    }
  }

  @Test
  void twoBrokersLost_areTheTwoBesideTheSurvivor() {
    Duration s = Duration.ofSeconds(5);

    assertEquals(List.of(2, 3), new ChaosSchedule.BrokersLost(s, s, 0.0).lost(3));
    assertEquals(List.of(3, 1), new ChaosSchedule.BrokersLost(s, s, 0.5).lost(3));
    assertEquals(List.of(1, 2), new ChaosSchedule.BrokersLost(s, s, 0.9999).lost(3));
  }

  @Test
  void aStuckResource_picksAnUpgradeAmongThoseRequested() {
    Duration s = Duration.ofSeconds(1);
    ChaosSchedule.Target t = ChaosSchedule.Target.BLUE_CLUSTER;

    assertEquals(0, new ChaosSchedule.StuckResource(s, t, 0.0, s).upgradeIndex(6));
    assertEquals(3, new ChaosSchedule.StuckResource(s, t, 0.5, s).upgradeIndex(6));
    assertEquals(5, new ChaosSchedule.StuckResource(s, t, 0.9999, s).upgradeIndex(6));
    assertEquals(0, new ChaosSchedule.StuckResource(s, t, 0.9999, s).upgradeIndex(1));
  }

  /**
   * The actions with each broker restart's node pick left out: the picks are drawn after every
   * other kind, so a kind added later moves them (and only them).
   */
  private static List<ChaosSchedule.Action> withoutNodePicks(List<ChaosSchedule.Action> actions) {
    return actions.stream()
        .map(
            a ->
                a instanceof ChaosSchedule.BrokerRestart r
                    ? new ChaosSchedule.BrokerRestart(r.at(), r.downFor(), 0)
                    : a)
        .toList();
  }
}
