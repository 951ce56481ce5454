package dev.bluegreen.deployer;

import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.CloudSimConfig;
import dev.bluegreen.cloudsim.core.Fleet;
import dev.bluegreen.testkit.TestCloud;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * cloud-sim with one blue/green pair per scenario; the deployer reaches the management cluster
 * (Argo CD) through the Quarkus Kubernetes client. Lifecycles complete instantly, so nothing waits
 * on time.
 */
public final class DeployerCloud implements TestCloud {

  /** Scenarios: each gets team {@code <s>}, cluster {@code <s>-blue} and {@code <s>-green}. */
  static final List<String> SCENARIOS =
      List.of(
          "pay", "deg", "chk", "hand", "jobs", "gone", "again", "sick", "flaky", "deny", "slow",
          "blind", "nodns", "probe", "bare", "twice", "manual", "db");

  /** The shared database of the {@code db} scenario, guarded by {@code sg-orders-db}. */
  static final String ORDERS_DB = "orders-db.example.internal";

  @Override
  public CloudSimConfig simulator() {
    return CloudSimConfig.instant().withFleet(fleet());
  }

  /**
   * The simulator registers every fleet cluster with Argo CD; a new green is not registered yet.
   */
  @Override
  public void prepare(CloudSim sim) {
    try (KubernetesClient mgmt = DeployerIT.kubernetes(sim, sim.managementCluster())) {
      for (String s : SCENARIOS) {
        mgmt.secrets().inNamespace("argocd").withName("cluster-" + s + "-green").delete();
      }
    }
  }

  @Override
  public Map<String, String> config(CloudSim sim) {
    return Map.of(
        "quarkus.kubernetes-client.api-server-url", sim.kubernetesUrl(sim.managementCluster()),
        "quarkus.kubernetes-client.trust-certs", "true",
        "bluegreen.deployer.poll-interval", "PT0.02S",
        "bluegreen.deployer.deploy-timeout", "PT8S",
        "bluegreen.deployer.running-jobs-timeout", "PT20S",
        "bluegreen.deployer.prune-timeout", "PT20S");
  }

  private static Fleet fleet() {
    List<Fleet.Team> teams = new ArrayList<>();
    List<Fleet.FleetCluster> clusters = new ArrayList<>();
    int priority = 1;
    for (String s : SCENARIOS) {
      teams.add(
          new Fleet.Team(
              s,
              List.of(
                  new Fleet.App(
                      "web",
                      2,
                      List.of(
                          new Fleet.CronJobSpec("report", "0 * * * *"),
                          new Fleet.CronJobSpec("cleanup", "0 3 * * *"))),
                  new Fleet.App("api", 2, List.of()))));
      // Blue runs the team's apps; green is an empty new cluster in the same VPC and ALB.
      clusters.add(cluster(s + "-blue", s, s, priority++));
      clusters.add(cluster(s + "-green", null, s, priority++));
    }
    // A database that admits db-blue's cluster security group only (SharedResourcesIT).
    Fleet.SecurityGroupSpec db =
        new Fleet.SecurityGroupSpec(
            "sg-orders-db",
            "orders-db",
            "vpc-db",
            Map.of(),
            List.of(
                new Fleet.IngressSpec("tcp", 5432, null, null, "db-blue", null, null, "orders")),
            List.of(new Fleet.EndpointSpec(ORDERS_DB, 5432)));
    return new Fleet("mgmt", teams, clusters, List.of(db), null);
  }

  private static Fleet.FleetCluster cluster(
      String name, String team, String scenario, int priority) {
    return new Fleet.FleetCluster(
        name,
        team == null ? "1.33" : "1.32",
        team,
        "vpc-" + scenario,
        List.of(new Fleet.SubnetSpec("subnet-" + name, "us-east-1a", 200)),
        List.of(Fleet.NodeGroupSpec.of("general", "m6i.large", 2, 4, 2)),
        List.of(new Fleet.AddonSpec("coredns", null), new Fleet.AddonSpec("kube-proxy", null)),
        "alb-" + scenario,
        name + ".example.com",
        priority,
        10.0,
        List.of(),
        null,
        null,
        null);
  }
}
