package dev.bluegreen.provisioner;

import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.CloudSimConfig;
import dev.bluegreen.cloudsim.core.Catalog;
import dev.bluegreen.cloudsim.core.Fleet;
import dev.bluegreen.testkit.TestCloud;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * cloud-sim with the provisioner's test fleet (one blue per scenario, so tests do not disturb each
 * other) and a catalog whose support windows move with the calendar.
 */
public final class ProvisionerCloud implements TestCloud {

  /** The database the shared-resources tests reach (guarded by {@code sg-orders-db}). */
  static final String ORDERS_DB = "orders-db.example.internal";

  /** The cache the clean-up test reaches (guarded by {@code sg-cache}). */
  static final String CACHE = "cache.example.internal";

  /** The database that admits only {@code lt-blue}'s node security group {@code sg-lt-nodes}. */
  static final String NODES_DB = "nodes-db.example.internal";

  /** 15 simulated minutes (a cluster's creation) take 100 ms. */
  private static final double TIME_COMPRESSION = 9_000;

  @Override
  public CloudSimConfig simulator() {
    return CloudSimConfig.defaults()
        .withTimeCompression(TIME_COMPRESSION)
        .withCatalog(catalog())
        .withFleet(fleet());
  }

  @Override
  public Map<String, String> config(CloudSim sim) {
    return Map.of(
        "bluegreen.provisioner.waits.initial-poll", "PT0.02S",
        "bluegreen.provisioner.waits.max-poll", "PT0.2S",
        "bluegreen.provisioner.waits.cluster", "PT30S",
        "bluegreen.provisioner.waits.nodegroup", "PT30S",
        "bluegreen.provisioner.waits.addon", "PT30S",
        "bluegreen.provisioner.waits.deletion", "PT30S");
  }

  /**
   * Versions with support windows relative to today, so statuses do not drift with the calendar:
   * 1.29 unsupported, 1.30 extended support, 1.31 and 1.32 standard support. {@code legacy-agent}
   * has no version for 1.32.
   */
  static Catalog catalog() {
    LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    List<Catalog.VersionInfo> versions = new ArrayList<>();
    versions.add(
        version("1.29", today.minusYears(3), today.minusYears(2), today.minusYears(1), false));
    versions.add(
        version("1.30", today.minusYears(2), today.minusMonths(6), today.plusMonths(6), false));
    versions.add(
        version("1.31", today.minusYears(1), today.plusMonths(3), today.plusMonths(15), false));
    versions.add(
        version("1.32", today.minusMonths(6), today.plusMonths(8), today.plusMonths(20), true));
    List<String> all = List.of("1.29", "1.30", "1.31", "1.32");
    List<Catalog.AddonInfo> addons =
        List.of(
            new Catalog.AddonInfo(
                "vpc-cni",
                "networking",
                List.of(
                    new Catalog.AddonVersion("v1.18.6-eksbuild.1", all, false),
                    new Catalog.AddonVersion("v1.19.6-eksbuild.1", all, true))),
            new Catalog.AddonInfo(
                "coredns",
                "networking",
                List.of(
                    new Catalog.AddonVersion("v1.11.1-eksbuild.9", List.of("1.29", "1.30"), true),
                    new Catalog.AddonVersion("v1.11.3-eksbuild.2", List.of("1.31", "1.32"), true))),
            new Catalog.AddonInfo(
                "legacy-agent",
                "observability",
                List.of(new Catalog.AddonVersion("v0.9.0", List.of("1.30", "1.31"), true))));
    return new Catalog(versions, addons);
  }

  private static Catalog.VersionInfo version(
      String v,
      LocalDate release,
      LocalDate endStandard,
      LocalDate endExtended,
      boolean isDefault) {
    return new Catalog.VersionInfo(
        v, release, endStandard, endExtended, "eks.1", v + ".0", isDefault);
  }

  /**
   * Blue clusters, one per scenario; {@code tight} has room for green's first node group only. Each
   * has a configured control plane, access entries with access policies (and the node role's entry
   * EKS would have made) and node groups with their own updateConfig, so that mirroring them is
   * visible on green.
   */
  static Fleet fleet() {
    StringBuilder yaml = new StringBuilder("managementCluster: mgmt\nclusters:\n");
    for (String name :
        List.of(
            "happy",
            "dup",
            "storm",
            "restart",
            "blocked",
            "legacy",
            "deprecated",
            "noroom",
            "cleanup",
            "rescope",
            "awsauth",
            "apionly",
            "unreadable",
            "shared",
            "sharedclean",
            "abandoned")) {
      yaml.append(
          blue(name + "-blue", 4000, name.equals("legacy") ? "  - {name: legacy-agent}\n" : ""));
    }
    // Blue's 6 nodes take 180 IPs of 280: green's general (2 nodes, 60) fits, batch (4, 120) not.
    yaml.append(blue("tight-blue", 140, ""));
    // Pre-flight only. crowded: 300 IPs, blue takes 180, 120 left < green's 180 at desired size.
    // snug: 500 - 180 = 320 left: green fits at desired (180) but not both at max (420).
    yaml.append(blue("crowded-blue", 150, ""));
    yaml.append(blue("snug-blue", 250, ""));
    // Node groups on launch templates: lt-blue's general nodes carry sg-lt-nodes (not the cluster
    // group), which is all nodes-db admits; ltami-blue's template pins a custom AMI.
    yaml.append(withLaunchTemplate(blue("lt-blue", 4000, ""), "lt-blue-general"));
    yaml.append(withLaunchTemplate(blue("ltami-blue", 4000, ""), "ltami-blue-general"));
    yaml.append(
        """
        launchTemplates:
        - name: lt-blue-general
          instanceType: m6i.large
          securityGroupIds: [sg-lt-nodes]
          userData: IyEvYmluL2Jhc2gKZWNobyBoZWxsbw==
          tags: {team: payments}
        - name: ltami-blue-general
          imageId: ami-0c0ffee0c0ffee000
          instanceType: m6i.large
          securityGroupIds: [sg-ltami-nodes]
        """);
    // Shared resources: databases and a cache that admit only blue's cluster security group.
    yaml.append(
        """
        securityGroups:
        - id: sg-orders-db
          tags: {team: payments}
          ingress:
          - {port: 5432, fromCluster: shared-blue, description: orders app}
          endpoints:
          - {host: %1$s, port: 5432}
        - id: sg-ledger-db
          tags: {bluegreen.dev/mirror: never}
          ingress:
          - {port: 5432, fromCluster: shared-blue}
        - id: sg-cache
          ingress:
          - {port: 6379, fromCluster: sharedclean-blue}
          endpoints:
          - {host: %2$s, port: 6379}
        - id: sg-lt-nodes
          vpcId: vpc-lt-blue
        - id: sg-ltami-nodes
          vpcId: vpc-ltami-blue
        - id: sg-nodes-db
          ingress:
          - {port: 5432, fromGroup: sg-lt-nodes, description: orders app on lt-blue's nodes}
          endpoints:
          - {host: %3$s, port: 5432}
        """
            .formatted(ORDERS_DB, CACHE, NODES_DB));
    String text = yaml.toString();
    try {
      return Fleet.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An aws-auth ConfigMap from before access entries: the node role, an on-call role in
   * system:masters with a session-name username, a read-only role with a system: group EKS refuses,
   * the SRE role (which also has an access entry) and a CI user.
   */
  private static final String AWS_AUTH =
      """
        awsAuth:
          mapRoles:
          - rolearn: arn:aws:iam::123456789012:role/eks-node-role
            username: system:node:{{EC2PrivateDNSName}}
            groups: [system:bootstrappers, system:nodes]
          - rolearn: arn:aws:iam::123456789012:role/oncall
            username: oncall:{{SessionName}}
            groups: [system:masters]
          - rolearn: arn:aws:iam::123456789012:role/readonly
            username: readonly
            groups: [viewers, system:authenticated]
          - rolearn: arn:aws:iam::123456789012:role/sre
            groups: [system:masters]
          mapUsers:
          - userarn: arn:aws:iam::123456789012:user/ci
            username: ci
            groups: [deployers]
      """;

  /** The blue with its general node group on launch template {@code template} (its type). */
  private static String withLaunchTemplate(String blue, String template) {
    String general = "  - name: general\n    instanceTypes: [m6i.large]\n";
    if (!blue.contains(general)) {
      throw new IllegalStateException("the test fleet's node groups changed: " + blue);
    }
    return blue.replace(general, "  - name: general\n    launchTemplate: " + template + "\n");
  }

  private static String blue(String name, int freeIpsPerSubnet, String extraAddons) {
    String deprecated =
        name.equals("deprecated-blue")
            ? """
                deprecatedApis:
                - usage: /apis/flowcontrol.apiserver.k8s.io/v1beta3/flowschemas
                  replacedWith: /apis/flowcontrol.apiserver.k8s.io/v1/flowschemas
                  stopServingVersion: "1.32"
                  userAgent: legacy-operator
                  requestsLast30Days: 1200
              """
            : "";
    return """
        - name: %1$s
          version: "1.31"
          team: payments
          vpcId: vpc-%1$s
          subnets:
          - {id: subnet-%1$s-a, az: us-east-1a, freeIps: %2$d}
          - {id: subnet-%1$s-b, az: us-east-1b, freeIps: %2$d}
          nodeGroups:
          - name: general
            instanceTypes: [m6i.large]
            minSize: 1
            maxSize: 4
            desiredSize: 2
            labels: {workload: general}
            maxUnavailable: 2
          - name: batch
            instanceTypes: [c6i.xlarge, c5.xlarge]
            minSize: 0
            maxSize: 6
            desiredSize: 4
            labels: {workload: batch}
            taints:
            - {key: dedicated, value: batch, effect: NO_SCHEDULE}
            maxUnavailablePercentage: 50
          controlPlane:
            endpointPublicAccess: true
            endpointPrivateAccess: true
            publicAccessCidrs: [198.51.100.0/24, 203.0.113.0/24]
            logTypes: [api, audit, scheduler]
            secretsKeyArn: arn:aws:kms:us-east-1:123456789012:key/%1$s-secrets
            serviceIpv4Cidr: 10.100.0.0/16
        %6$s  accessEntries:
          - principalArn: arn:aws:iam::123456789012:role/sre
            accessPolicies:
            - {policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"}
          - principalArn: arn:aws:iam::123456789012:role/ci-deployer
            username: ci-deployer
            kubernetesGroups: [deployers]
            accessPolicies:
            - policyArn: arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy
              namespaces: [payments, payments-jobs]
            - {policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"}
          - {principalArn: "arn:aws:iam::123456789012:role/eks-node-role", type: EC2_LINUX}
          addons:
          - {name: vpc-cni, version: v1.18.6-eksbuild.1}
          - {name: coredns}
        %3$s  loadBalancer: %1$s-alb
          host: %1$s.example.com
        %4$s%5$s"""
        .formatted(
            name,
            freeIpsPerSubnet,
            extraAddons,
            deprecated,
            name.equals("awsauth-blue") || name.equals("apionly-blue") ? AWS_AUTH : "",
            name.equals("apionly-blue") ? "    authenticationMode: API\n" : "");
  }
}
