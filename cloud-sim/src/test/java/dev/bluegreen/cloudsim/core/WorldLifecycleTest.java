package dev.bluegreen.cloudsim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pure domain with a manual clock: no HTTP, no sleeps. */
class WorldLifecycleTest {
  private final SimClock.ManualClock clock = SimClock.manual(Instant.parse("2026-06-01T00:00:00Z"));
  private final World world =
      new World(
          clock,
          Lifecycles.realistic(),
          new FaultRegistry(new SplittableRandom(1)),
          new Journal(clock),
          Catalog.builtIn(),
          "us-east-1",
          "123456789012",
          "mgmt",
          c -> "http://sim/k8s/" + c);

  private Cluster create(String name) {
    return world.locked(
        w ->
            w.eks()
                .clusters()
                .create(
                    new EksClusters.ClusterSpec(
                        name,
                        "1.34",
                        "arn:aws:iam::1:role/r",
                        List.of("subnet-a", "subnet-b"),
                        List.of(),
                        Map.of(),
                        "payments",
                        null),
                    "token-" + name));
  }

  private Cluster.Status status(String name) {
    return world.locked(w -> w.eks().clusters().describe(name).status);
  }

  @Test
  void clusterBecomesActive_exactlyWhenItsCreationTimeHasPassed() {
    create("green");
    clock.advance(Duration.ofMinutes(14).plusSeconds(59));
    assertEquals(Cluster.Status.CREATING, status("green"));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(Cluster.Status.ACTIVE, status("green"));
  }

  @Test
  void stuckFault_holdsTheClusterInCreating_untilRemoved() {
    Fault stuck = world.faults().add(Fault.stuck("green"));
    create("green");
    clock.advance(Duration.ofHours(2));
    assertEquals(Cluster.Status.CREATING, status("green"));
    world.faults().remove(stuck.id());
    clock.advance(Duration.ofMillis(1));
    assertEquals(Cluster.Status.ACTIVE, status("green"));
  }

  @Test
  void deletingAClusterThatStillReceivesWeight_isJournaledAsAViolation() {
    create("blue");
    clock.advance(Duration.ofMinutes(15));
    world.lockedRun(
        w -> {
          LoadBalancer lb = w.loadBalancing().ensureLoadBalancer("alb", "vpc");
          TargetGroup tg = w.loadBalancing().seedTargetGroup("tg-blue", "blue", "vpc");
          w.loadBalancing()
              .seedRule(
                  w.loadBalancing().listenersOf(lb.arn).get(0).arn,
                  1,
                  "blue.example.com",
                  tg.arn,
                  10);
          w.eks().clusters().delete("blue");
        });
    assertEquals(1, world.journal().violations().size());
    assertTrue(world.journal().violations().get(0).note().contains("tg-blue"));
  }

  @Test
  void nodegroupOnFullSubnets_failsWithInsufficientFreeAddresses() {
    world.lockedRun(w -> w.eks().subnets().declare("subnet-tiny", "vpc", "us-east-1a", 10));
    create("green");
    clock.advance(Duration.ofMinutes(15));
    world.lockedRun(
        w ->
            w.eks()
                .nodegroups()
                .create(
                    "green",
                    new EksNodegroups.NodegroupSpec(
                        "general",
                        List.of("m6i.large"),
                        List.of("subnet-tiny"),
                        1,
                        3,
                        2,
                        Map.of(),
                        List.of(),
                        "arn:aws:iam::1:role/n",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                    null));
    clock.advance(Duration.ofMinutes(5));
    NodeGroup ng = world.locked(w -> w.eks().nodegroups().describe("green", "general"));
    assertEquals(NodeGroup.Status.CREATE_FAILED, ng.status);
    assertEquals("InsufficientFreeAddresses", ng.healthIssues.get(0).code());
    assertFalse(
        world.locked(w -> w.eks().subnets().find("subnet-tiny").orElseThrow().freeIps) < 10);
  }
}
