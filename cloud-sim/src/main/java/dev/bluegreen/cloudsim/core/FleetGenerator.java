package dev.bluegreen.cloudsim.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Generates fleets of any size for scale runs: clusters spread round-robin over teams and versions,
 * each with two node groups, the core add-ons, its own host rule on one of its team's ALBs, and
 * (for every third cluster) deprecated API usage.
 */
public final class FleetGenerator {
  /**
   * Clusters (host rules) per ALB. AWS allows 100 rules per load balancer by default, so a real
   * fleet of 1,000 clusters spreads over tens of ALBs; one ALB per team put 1,000 rules on three
   * listeners, and every read of a listener's rules (the decommissioner reads them before each
   * step) returned a third of the fleet.
   */
  static final int CLUSTERS_PER_ALB = 50;

  private static final List<String> TEAMS = List.of("payments", "search", "identity");
  private static final List<String> VERSIONS = List.of("1.32", "1.33", "1.34");
  private static final Map<String, List<Fleet.App>> APPS =
      Map.of(
          "payments",
          List.of(
              new Fleet.App(
                  "checkout", 3, List.of(new Fleet.CronJobSpec("settle-payments", "*/15 * * * *"))),
              new Fleet.App(
                  "ledger",
                  2,
                  List.of(new Fleet.CronJobSpec("nightly-ledger-report", "0 2 * * *")))),
          "search",
          List.of(
              new Fleet.App("search-api", 3, List.of()),
              new Fleet.App("indexer", 2, List.of(new Fleet.CronJobSpec("reindex", "0 * * * *")))),
          "identity",
          List.of(
              new Fleet.App("login", 3, List.of()),
              new Fleet.App(
                  "token-service", 2, List.of(new Fleet.CronJobSpec("rotate-keys", "0 3 * * 0")))));

  /** The simulator's default account, so the generated ARNs match the seeded roles. */
  private static final String ACCOUNT = "123456789012";

  private FleetGenerator() {}

  private static String nextMinor(String version) {
    String[] parts = version.split("\\.");
    return parts[0] + "." + (Integer.parseInt(parts[1]) + 1);
  }

  /**
   * A control plane as a platform team sets it up: the public endpoint only for the office range
   * next to the private one, the security-relevant logs on, secrets encrypted with the team's KMS
   * key.
   */
  private static Fleet.ControlPlaneSpec controlPlane(String team) {
    return new Fleet.ControlPlaneSpec(
        true,
        true,
        List.of("203.0.113.0/24"),
        List.of("api", "audit", "authenticator"),
        "arn:aws:kms:us-east-1:"
            + ACCOUNT
            + ":key/"
            + UUID.nameUUIDFromBytes((team + "-eks-secrets").getBytes(StandardCharsets.UTF_8)),
        null,
        null);
  }

  /**
   * Who may use a cluster, through access entries: the platform admins everywhere, the team's
   * deployers in the team's namespace (and read-only elsewhere), and the node role EKS added for
   * the managed node groups (it carries no policies: EKS grants node entries by itself).
   */
  private static List<Fleet.AccessEntrySpec> accessEntries(String team) {
    String policy = "arn:aws:eks::aws:cluster-access-policy/";
    return List.of(
        new Fleet.AccessEntrySpec(
            "arn:aws:iam::" + ACCOUNT + ":role/platform-admins",
            "STANDARD",
            null,
            null,
            List.of(new Fleet.AccessPolicySpec(policy + "AmazonEKSClusterAdminPolicy", null))),
        new Fleet.AccessEntrySpec(
            "arn:aws:iam::" + ACCOUNT + ":role/" + team + "-deployers",
            "STANDARD",
            team + "-deployers",
            null,
            List.of(
                new Fleet.AccessPolicySpec(policy + "AmazonEKSEditPolicy", List.of(team)),
                new Fleet.AccessPolicySpec(policy + "AmazonEKSViewPolicy", null))),
        new Fleet.AccessEntrySpec(
            "arn:aws:iam::" + ACCOUNT + ":role/eks-node-role", "EC2_LINUX", null, null, null));
  }

  /** A fleet of {@code size} clusters over 3 teams and 3 versions. */
  public static Fleet generate(int size) {
    List<Fleet.Team> teams = new ArrayList<>();
    for (String t : TEAMS) {
      teams.add(new Fleet.Team(t, APPS.get(t)));
    }
    List<Fleet.FleetCluster> clusters = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String team = TEAMS.get(i % TEAMS.size());
      String version = VERSIONS.get((i / TEAMS.size()) % VERSIONS.size());
      String name = String.format("%s-%03d", team, i + 1);
      String vpc = "vpc-" + team;
      List<Fleet.SubnetSpec> subnets =
          List.of(
              new Fleet.SubnetSpec("subnet-" + name + "-a", "us-east-1a", 400 + (i % 5) * 150),
              new Fleet.SubnetSpec("subnet-" + name + "-b", "us-east-1b", 400 + (i % 7) * 100));
      List<Fleet.NodeGroupSpec> nodeGroups =
          List.of(
              new Fleet.NodeGroupSpec(
                  "general",
                  List.of("m6i.large"),
                  2,
                  6,
                  3,
                  Map.of("workload", "general"),
                  List.of(),
                  null,
                  null,
                  null),
              new Fleet.NodeGroupSpec(
                  "batch",
                  List.of("c6i.xlarge"),
                  0,
                  4,
                  1,
                  Map.of("workload", "batch"),
                  List.of(new NodeGroup.Taint("dedicated", "batch", "NO_SCHEDULE")),
                  null,
                  // Batch nodes can go a quarter at a time; general keeps EKS's one-at-a-time.
                  25,
                  null));
      List<Fleet.AddonSpec> addons =
          List.of(
              new Fleet.AddonSpec("vpc-cni", null),
              new Fleet.AddonSpec("coredns", null),
              new Fleet.AddonSpec("kube-proxy", null));
      List<DeprecatedApi> deprecated =
          i % 3 == 0
              ? List.of(
                  new DeprecatedApi(
                      "/apis/flowcontrol.apiserver.k8s.io/v1beta3/flowschemas",
                      "/apis/flowcontrol.apiserver.k8s.io/v1/flowschemas",
                      nextMinor(version),
                      "kube-prometheus-stack/v0.71",
                      4200L))
              : List.of();
      clusters.add(
          new Fleet.FleetCluster(
              name,
              version,
              team,
              vpc,
              subnets,
              nodeGroups,
              addons,
              team + "-alb" + (i < TEAMS.size() * CLUSTERS_PER_ALB ? "" : "-" + albOf(i)),
              name + "." + team + ".example.com",
              10 + i,
              20.0 + (i % 4) * 10,
              deprecated,
              controlPlane(team),
              accessEntries(team),
              null));
    }
    return new Fleet("mgmt", teams, clusters);
  }

  /** Which of its team's ALBs the i-th cluster's rule is on (the first keeps the plain name). */
  private static int albOf(int i) {
    return i / TEAMS.size() / CLUSTERS_PER_ALB + 1;
  }
}
