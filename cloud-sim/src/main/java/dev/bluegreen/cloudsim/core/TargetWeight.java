package dev.bluegreen.cloudsim.core;

/** One target group in a weighted forward action. */
public record TargetWeight(String targetGroupArn, int weight) {}
