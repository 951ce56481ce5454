package dev.bluegreen.decommissioner.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Observations of a typical blue/green pair, for the core's unit tests. */
final class Sample {
  static final String ACCOUNT = "arn:aws:eks:us-east-1:123456789012:";
  static final String ELB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:";
  static final Blue BLUE = new Blue("up-1", "blue", "green", Conventions.defaults());
  static final String BLUE_TG = ELB + "targetgroup/tg-blue/1111";
  static final String GREEN_TG = ELB + "targetgroup/tg-green/2222";
  static final String RULE = ELB + "listener-rule/app/alb/1/2/3";
  static final String LISTENER = ELB + "listener/app/alb/1/2";

  private Sample() {}

  static Observed.Cluster cluster(String name, String status) {
    return new Observed.Cluster(name, ACCOUNT + "cluster/" + name, status, Map.of("team", "a"));
  }

  static Observed.Nodegroup nodegroup(String name, String status, int desired) {
    return new Observed.Nodegroup(
        name,
        ACCOUNT + "nodegroup/blue/" + name + "/abcd",
        "blue",
        status,
        desired == 0 ? 0 : 1,
        desired,
        Map.of(),
        List.of());
  }

  static Observed.Addon addon(String name, String status) {
    return new Observed.Addon(name, ACCOUNT + "addon/blue/" + name + "/abcd", "blue", status);
  }

  static Observed.TargetGroup blueTg() {
    return new Observed.TargetGroup(
        BLUE_TG, "tg-blue", Map.of("bluegreen.dev/cluster", "blue"), List.of());
  }

  static Observed.TargetGroup greenTg() {
    return new Observed.TargetGroup(
        GREEN_TG, "tg-green", Map.of("bluegreen.dev/cluster", "green"), List.of());
  }

  static Observed.Rule rule(int blueWeight, int greenWeight) {
    return new Observed.Rule(
        RULE,
        LISTENER,
        false,
        List.of(
            new Observed.WeightedTarget(BLUE_TG, blueWeight),
            new Observed.WeightedTarget(GREEN_TG, greenWeight)));
  }

  static Observed.ArgoClusterSecret argoSecret() {
    return new Observed.ArgoClusterSecret(
        "argocd",
        "cluster-blue",
        "blue",
        "https://blue.k8s",
        Map.of("argocd.argoproj.io/secret-type", "cluster", "bluegreen.dev/cluster", "blue"));
  }

  static BlueEstate fullEstate() {
    return BlueEstate.builder()
        .cluster(Optional.of(cluster("blue", "ACTIVE")))
        .nodegroups(List.of(nodegroup("ng-a", "ACTIVE", 3), nodegroup("ng-b", "ACTIVE", 2)))
        .addons(List.of(addon("vpc-cni", "ACTIVE")))
        .targetGroup(Optional.of(blueTg()))
        .rulesReferencingBlue(List.of(rule(0, 100)))
        .argoSecret(Optional.of(argoSecret()))
        .build();
  }

  static GuardObservation safe() {
    return new GuardObservation(
        Optional.of(BLUE_TG),
        List.of(rule(0, 100)),
        Optional.of(cluster("green", "ACTIVE")),
        Optional.of(greenTg()),
        2,
        2,
        new GuardObservation.Listed(List.of(new Observed.CronJob("team-a", "report", true))));
  }
}
