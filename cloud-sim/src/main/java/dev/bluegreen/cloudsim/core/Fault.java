package dev.bluegreen.cloudsim.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;

/**
 * An injected misbehaviour of the simulated cloud. One record for all kinds so the HTTP faults API
 * accepts the same JSON the Java API builds; fields a kind does not use stay null.
 *
 * @param id assigned by the registry when the fault is added
 * @param kind what goes wrong
 * @param service eks, elbv2, cloudwatch or kubernetes; null matches every service
 * @param operation operation name (CreateCluster, ModifyRule, GetMetricData, "PATCH cronjobs");
 *     null or "*" matches every operation
 * @param resource cluster name, ARN, application name... depending on the kind; null matches all
 * @param errorCode wire error code for ERROR faults (e.g. ResourceLimitExceededException)
 * @param httpStatus HTTP status for ERROR faults (defaults per code) and APP_STATUS faults
 * @param message error message for ERROR faults
 * @param count how many matching calls it affects before it expires; null means unlimited
 * @param ratio fraction of matching calls affected (0..1); null means every call
 * @param latencyMillis extra latency for LATENCY faults
 * @param state the state a STUCK resource stays in (informational)
 * @param errorRate fraction of requests a cluster answers with 5xx for UNHEALTHY faults
 * @param reads how many DescribeRules reads return the old weights for RULE_WEIGHT_DELAY faults
 * @param durationMillis for RULE_WEIGHT_DELAY: how long old weights are returned
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Fault(
    String id,
    Kind kind,
    String service,
    String operation,
    String resource,
    String errorCode,
    Integer httpStatus,
    String message,
    Integer count,
    Double ratio,
    Long latencyMillis,
    String state,
    Double errorRate,
    Integer reads,
    Long durationMillis) {

  /** The kinds of misbehaviour the simulator can inject. */
  public enum Kind {
    /** Fail matching calls with {@code errorCode}. */
    ERROR,
    /** Fail matching calls with the service's throttling error; SDKs retry these. */
    THROTTLE,
    /** Delay matching calls by {@code latencyMillis}. */
    LATENCY,
    /** Keep the resource named {@code resource} in its current lifecycle state. */
    STUCK,
    /** The cluster named {@code resource} answers {@code errorRate} of its requests with 5xx. */
    UNHEALTHY,
    /** DescribeRules returns the pre-ModifyRule weights for a while (eventual consistency). */
    RULE_WEIGHT_DELAY,
    /** Argo CD applications matching {@code resource} go Degraded instead of Healthy. */
    ARGO_DEGRADED,
    /**
     * The workload behind a Service answers requests sent through the API server's service proxy
     * with {@code httpStatus} (body {@code message}); {@code resource} is part of {@code
     * <cluster>/<namespace>/<service><path>}, null matches every proxied request.
     */
    APP_STATUS
  }

  Fault withId(String newId) {
    return new Fault(
        newId,
        kind,
        service,
        operation,
        resource,
        errorCode,
        httpStatus,
        message,
        count,
        ratio,
        latencyMillis,
        state,
        errorRate,
        reads,
        durationMillis);
  }

  Fault withCount(Integer newCount) {
    return new Fault(
        id,
        kind,
        service,
        operation,
        resource,
        errorCode,
        httpStatus,
        message,
        newCount,
        ratio,
        latencyMillis,
        state,
        errorRate,
        reads,
        durationMillis);
  }

  private static Fault of(Kind kind, String service, String operation, String resource) {
    return new Fault(
        null, kind, service, operation, resource, null, null, null, null, null, null, null, null,
        null, null);
  }

  /** Fail the next {@code count} calls of an operation with an AWS error code. */
  public static Fault failNext(String service, String operation, String errorCode, int count) {
    return new Fault(
        null,
        Kind.ERROR,
        service,
        operation,
        null,
        errorCode,
        null,
        null,
        count,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** Fail a ratio of the calls of an operation with an AWS error code, until removed. */
  public static Fault failRatio(String service, String operation, String errorCode, double ratio) {
    return new Fault(
        null,
        Kind.ERROR,
        service,
        operation,
        null,
        errorCode,
        null,
        null,
        null,
        ratio,
        null,
        null,
        null,
        null,
        null);
  }

  /** Throttle the next {@code count} calls of an operation. */
  public static Fault throttle(String service, String operation, int count) {
    return of(Kind.THROTTLE, service, operation, null).withCount(count);
  }

  /** Add latency to every call of an operation ("*" for all). */
  public static Fault latency(String service, String operation, Duration latency) {
    return new Fault(
        null,
        Kind.LATENCY,
        service,
        operation,
        null,
        null,
        null,
        null,
        null,
        null,
        latency.toMillis(),
        null,
        null,
        null,
        null);
  }

  /**
   * Keep a resource in its current state. {@code resource} is a cluster name, {@code
   * cluster/nodegroup}, {@code cluster/addon} or an Argo CD application name.
   */
  public static Fault stuck(String resource) {
    return of(Kind.STUCK, null, null, resource);
  }

  /** Make a cluster's workloads answer {@code errorRate} of requests with 5xx. */
  public static Fault unhealthy(String cluster, double errorRate) {
    return new Fault(
        null,
        Kind.UNHEALTHY,
        null,
        null,
        cluster,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        errorRate,
        null,
        null);
  }

  /** After the next ModifyRule of {@code ruleArn} (null: any), DescribeRules lags N reads. */
  public static Fault ruleWeightDelay(String ruleArn, int reads) {
    return new Fault(
        null,
        Kind.RULE_WEIGHT_DELAY,
        null,
        null,
        ruleArn,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        reads,
        null);
  }

  /**
   * Workloads whose {@code <cluster>/<namespace>/<service><path>} contains {@code resource} answer
   * proxied requests with {@code httpStatus}.
   */
  public static Fault appStatus(String resource, int httpStatus) {
    return new Fault(
        null,
        Kind.APP_STATUS,
        null,
        null,
        resource,
        null,
        httpStatus,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** Argo CD applications whose name contains {@code appNamePart} end Degraded. */
  public static Fault argoDegraded(String appNamePart) {
    return of(Kind.ARGO_DEGRADED, null, null, appNamePart);
  }
}
