package dev.bluegreen.decommissioner.it;

import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.CloudSimConfig;
import dev.bluegreen.cloudsim.core.Fleet;
import dev.bluegreen.testkit.TestCloud;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * cloud-sim with one blue/green pair per test scenario, each behind its own load balancer so tests
 * do not disturb each other; the service reaches the management cluster's Kubernetes API.
 * Lifecycles run 5,000 times faster, so the service's polling never waits long.
 */
public final class DecommissionerCloud implements TestCloud {

  /** The scenarios; blue is {@code <name>-blue}, green {@code <name>-green}. */
  static final List<String> PAIRS =
      List.of(
          "happy", "traffic", "fault", "flaky", "restart", "dry", "early", "orphan", "cron", "warm",
          "count", "shared", "policy", "nodesgs");

  @Override
  public CloudSimConfig simulator() {
    return CloudSimConfig.defaults().withTimeCompression(5000).withFleet(fleet());
  }

  @Override
  public Map<String, String> config(CloudSim sim) {
    return Map.of(
        // Few SDK attempts, so a persistent fault is reported quickly.
        "bluegreen.aws.max-attempts",
        "2",
        "bluegreen.decommissioner.management-kubernetes-url",
        sim.kubernetesUrl(sim.managementCluster()),
        "bluegreen.decommissioner.poll-interval",
        "PT0.02S",
        "bluegreen.decommissioner.timeout",
        "PT1M");
  }

  private static Fleet fleet() {
    List<Fleet.FleetCluster> clusters = new ArrayList<>();
    int priority = 1;
    for (String pair : PAIRS) {
      clusters.add(cluster(pair + "-blue", "1.32", pair, priority++));
      clusters.add(cluster(pair + "-green", "1.33", pair, priority++));
    }
    Fleet.Team team =
        new Fleet.Team(
            "payments",
            List.of(
                new Fleet.App(
                    "ledger",
                    1,
                    List.of(new Fleet.CronJobSpec("nightly-ledger-report", "0 2 * * *")))));
    return new Fleet("mgmt", List.of(team), clusters);
  }

  private static Fleet.FleetCluster cluster(
      String name, String version, String pair, int priority) {
    return new Fleet.FleetCluster(
        name,
        version,
        "payments",
        "vpc-" + pair,
        List.of(new Fleet.SubnetSpec("subnet-" + name, "us-east-1a", 500)),
        List.of(
            Fleet.NodeGroupSpec.of("system", "m6i.large", 2, 4, 2),
            Fleet.NodeGroupSpec.of("apps", "m6i.xlarge", 1, 6, 3)),
        List.of(new Fleet.AddonSpec("vpc-cni", null), new Fleet.AddonSpec("coredns", null)),
        "alb-" + pair,
        name + ".example.com",
        priority,
        10.0,
        List.of(),
        null,
        null,
        null);
  }
}
