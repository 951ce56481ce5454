package dev.bluegreen.provisioner.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Observations of a healthy blue, to vary one thing at a time. */
final class Fixtures {
  static final String UPGRADE = "up-1";

  private Fixtures() {}

  static Observed.Cluster blue(String status) {
    return new Observed.Cluster(
        "payments",
        "1.30",
        status,
        "arn:aws:iam::123456789012:role/eks",
        "vpc-1",
        List.of("subnet-a", "subnet-b"),
        List.of("sg-1"),
        true,
        true,
        List.of("10.0.0.0/8"),
        List.of("api", "audit"),
        List.of(
            new Observed.Encryption(
                "arn:aws:kms:us-east-1:123456789012:key/k", List.of("secrets"))),
        "172.20.0.0/16",
        "ipv4",
        "API_AND_CONFIG_MAP",
        Map.of(
            "team",
            "payments",
            "aws:cloudformation:stack-name",
            "x",
            "bluegreen.dev/role",
            "green"));
  }

  static Observed.Nodegroup nodegroup(String name, String status, int min, int max, int desired) {
    return new Observed.Nodegroup(
        name,
        status,
        List.of("m5.large"),
        min,
        max,
        desired,
        Map.of("workload", name),
        List.of(new Observed.Taint("dedicated", name, "NO_SCHEDULE")),
        List.of("subnet-a", "subnet-b"),
        "arn:aws:iam::123456789012:role/node",
        "AL2_x86_64",
        "ON_DEMAND",
        50,
        Map.of("team", "payments"),
        List.of(),
        new Observed.UpdateConfig(null, 25, null),
        null);
  }

  static Observed.Addon addon(String name, String version) {
    return new Observed.Addon(name, version, "ACTIVE", null, null, Map.of());
  }

  static Observed.AddonVersions versions(String name, String... newestFirst) {
    return new Observed.AddonVersions(
        name,
        List.of(newestFirst),
        Optional.ofNullable(newestFirst.length > 1 ? newestFirst[1] : null));
  }

  static PreflightInput healthy() {
    return new PreflightInput(
        UPGRADE,
        "1.31",
        blue("ACTIVE"),
        List.of(nodegroup("general", "ACTIVE", 2, 6, 3)),
        List.of(addon("vpc-cni", "v1.18.0-eksbuild.1")),
        Map.of("vpc-cni", versions("vpc-cni", "v1.19.2-eksbuild.1", "v1.19.0-eksbuild.1")),
        new Observed.VersionSupport("1.31", true, "STANDARD_SUPPORT", "2025-11-26", "2026-11-26"),
        List.of(),
        Observed.SubnetFreeIps.of(Map.of("subnet-a", 4000, "subnet-b", 4000)),
        new Observed.AccountLimits(10, 100, 30, "configuration"),
        Optional.empty(),
        30,
        noAwsAuth(),
        Map.of());
  }

  /** Blue's aws-auth gives green nothing (mode API, or no mappings). */
  static AwsAuthTranslation noAwsAuth() {
    return AwsAuthTranslation.of(Observed.AwsAuth.absent(), java.util.Set.of());
  }
}
