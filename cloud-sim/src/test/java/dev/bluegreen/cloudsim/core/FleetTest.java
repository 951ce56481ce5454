package dev.bluegreen.cloudsim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FleetTest {
  private static World newWorld(SimClock clock) {
    return new World(
        clock,
        Lifecycles.realistic().compressed(0),
        new FaultRegistry(new SplittableRandom(1)),
        new Journal(clock),
        Catalog.builtIn(),
        "us-east-1",
        "123456789012",
        "mgmt",
        c -> "http://sim/k8s/" + c);
  }

  @Test
  void demoFleet_hasAtLeast12ClustersOver3TeamsAnd3Versions() {
    Fleet demo = Fleet.demo();
    assertTrue(demo.clusters().size() >= 12);
    assertEquals(
        3,
        demo.clusters().stream().map(Fleet.FleetCluster::team).collect(Collectors.toSet()).size());
    assertEquals(
        3,
        demo.clusters().stream()
            .map(Fleet.FleetCluster::version)
            .collect(Collectors.toSet())
            .size());
  }

  @Test
  void generatedFleet_roundTripsThroughYaml_keepingVersionsAsStrings() throws Exception {
    Fleet fleet = FleetGenerator.generate(30);
    String yaml = fleet.toYaml();
    Fleet read = Fleet.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    // Empty lists are omitted when written, so compare the YAML rather than the records.
    assertEquals(yaml, read.toYaml());
    assertTrue(yaml.contains("version: \"1.32\""), "versions are quoted");
    assertEquals("1.32", read.clusters().get(0).version());
  }

  @Test
  void aThousandClusterFleet_seedsWithRulesAndArgoApplications() {
    World world = newWorld(SimClock.manual(Instant.parse("2026-06-01T00:00:00Z")));
    world.lockedRun(w -> FleetSeeder.seed(w, FleetGenerator.generate(1_000)));

    int clusters = world.locked(w -> w.eks().clusters().list().size());
    long rules =
        world.locked(w -> w.loadBalancing().rules().stream().filter(r -> !r.isDefault()).count());
    int applications =
        world.locked(
            w ->
                w.kubeStore("mgmt")
                    .list(KubeResourceType.APPLICATIONS, "argocd", o -> true)
                    .size());
    long mostRulesOnOneListener =
        world.locked(
            w ->
                w.loadBalancing().rules().stream()
                    .filter(r -> !r.isDefault())
                    .collect(
                        java.util.stream.Collectors.groupingBy(
                            r -> r.listenerArn, java.util.stream.Collectors.counting()))
                    .values()
                    .stream()
                    .mapToLong(Long::longValue)
                    .max()
                    .orElse(0));
    assertEquals(1_000, clusters);
    assertEquals(1_000L, rules);
    // Within AWS's default of 100 rules per load balancer, as a real fleet would be.
    assertTrue(mostRulesOnOneListener <= 50, mostRulesOnOneListener + " rules on one listener");
    assertEquals(2_000, applications);
  }
}
