package dev.bluegreen.trafficshifter.core;

/**
 * One target group of a listener rule's weighted forward action, as read from (or written to) the
 * rule. ELBv2 weights are absolute integers 0..999, compared with each other, not percentages.
 *
 * @param targetGroupArn the target group
 * @param weight its weight in the forward action
 */
public record ForwardTarget(String targetGroupArn, int weight) {}
