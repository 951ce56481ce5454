package dev.bluegreen.cloudsim.core;

/**
 * A deprecated Kubernetes API a cluster's workloads still call; becomes an upgrade-readiness
 * insight.
 *
 * @param usage the API path, e.g. /apis/flowcontrol.apiserver.k8s.io/v1beta3/flowschemas
 * @param replacedWith the API to use instead
 * @param stopServingVersion the Kubernetes version that removes it, e.g. 1.32
 * @param userAgent the client still calling it
 * @param requestsLast30Days how often it was called
 */
public record DeprecatedApi(
    String usage,
    String replacedWith,
    String stopServingVersion,
    String userAgent,
    Long requestsLast30Days) {}
