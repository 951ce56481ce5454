package dev.bluegreen.cloud;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.List;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.http.HttpMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Counts every AWS SDK call and every retry the SDK made inside it, as Prometheus counters (see
 * docs/metrics.md). {@link AwsClients#configure} registers it on every client, so each service gets
 * it without code of its own.
 *
 * <p>It reads the SDK's own per-call metrics (an {@code ApiCall} collection with one {@code
 * ApiCallAttempt} child per attempt) rather than hooking the retry strategy: every attempt but the
 * last is a retry, and the failed attempt says why ({@code ErrorType}: Throttling, ServerError, IO,
 * ConfiguredTimeout, Other) and with which HTTP status. The SDK does not put the AWS error code
 * itself (ThrottlingException, Throttling, ...) in these metrics; its type and status are bounded
 * and the same across services, which is what a dashboard wants.
 *
 * <p>Meters go to Micrometer's global registry by default: Quarkus adds its Prometheus registry
 * there, and the builder runs in places (tools, tests) with no CDI to inject a registry from.
 */
public final class CloudCallMetrics implements MetricPublisher {

  /** Counter: AWS API calls, by service, operation and outcome (success, failure). */
  public static final String CALLS = "bluegreen_cloud_calls";

  /** Counter: retries of AWS API calls, by service, operation, error type and HTTP status. */
  public static final String RETRIES = "bluegreen_cloud_call_retries";

  private static final String NO_STATUS = "none";

  private final MeterRegistry registry;

  /** Counts into this registry. */
  public CloudCallMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Counts into Micrometer's global registry (where Quarkus' Prometheus registry is). */
  public static CloudCallMetrics global() {
    return new CloudCallMetrics(Metrics.globalRegistry);
  }

  @Override
  public void publish(MetricCollection call) {
    String service = first(call.metricValues(CoreMetric.SERVICE_ID), "unknown");
    String operation = first(call.metricValues(CoreMetric.OPERATION_NAME), "unknown");
    boolean success = first(call.metricValues(CoreMetric.API_CALL_SUCCESSFUL), Boolean.FALSE);
    Counter.builder(CALLS)
        .description("AWS API calls, retries inside one call not counted")
        .tag("service", service)
        .tag("operation", operation)
        .tag("outcome", success ? "success" : "failure")
        .register(registry)
        .increment();
    List<MetricCollection> attempts = call.childrenWithName("ApiCallAttempt").toList();
    for (MetricCollection failed : attempts.subList(0, Math.max(0, attempts.size() - 1))) {
      Integer status = first(failed.metricValues(HttpMetric.HTTP_STATUS_CODE), null);
      Counter.builder(RETRIES)
          .description("Retries of AWS API calls, by why the attempt before failed")
          .tag("service", service)
          .tag("operation", operation)
          .tag("error_type", first(failed.metricValues(CoreMetric.ERROR_TYPE), "Other"))
          .tag("http_status", status == null ? NO_STATUS : Integer.toString(status))
          .register(registry)
          .increment();
    }
  }

  @Override
  public void close() {}

  private static <T> T first(List<T> values, T otherwise) {
    return values.isEmpty() || values.get(0) == null ? otherwise : values.get(0);
  }
}
