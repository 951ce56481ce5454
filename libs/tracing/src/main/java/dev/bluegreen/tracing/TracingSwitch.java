package dev.bluegreen.tracing;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;
import java.util.List;

/**
 * Span export is off unless an OTLP endpoint is configured. Quarkus' exporter otherwise sends to
 * {@code localhost:4317} whenever the SDK runs, so without an endpoint this answers {@code
 * quarkus.otel.sdk.disabled=true}; set explicitly anywhere, that property keeps its value. It is
 * evaluated when the property is read, at start-up: the same image exports or not by its
 * environment ({@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT}), with no rebuild.
 *
 * <p>Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceInterceptor}.
 */
@Priority(Priorities.APPLICATION)
public final class TracingSwitch implements ConfigSourceInterceptor {

  /** The properties any of which turns export on. */
  public static final List<String> ENDPOINTS =
      List.of("quarkus.otel.exporter.otlp.endpoint", "quarkus.otel.exporter.otlp.traces.endpoint");

  public static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";

  static final String SOURCE = "bluegreen-tracing (no OTLP endpoint configured)";

  @Override
  public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
    ConfigValue value = context.proceed(name);
    if (!SDK_DISABLED.equals(name) || setExplicitly(value) || endpointSet(context)) {
      return value;
    }
    return ConfigValue.builder()
        .withName(name)
        .withValue("true")
        .withRawValue("true")
        .withConfigSourceName(SOURCE)
        .withConfigSourceOrdinal(Integer.MIN_VALUE + 1)
        .build();
  }

  /**
   * Set in some source, not merely a built-in default (the lowest ordinal): Quarkus defaults the
   * endpoint to {@code http://localhost:4317/} that way, and {@code sdk.disabled} to false.
   */
  private static boolean setExplicitly(ConfigValue value) {
    return value != null
        && value.getValue() != null
        && !value.getValue().isBlank()
        && value.getConfigSourceOrdinal() > Integer.MIN_VALUE;
  }

  private static boolean endpointSet(ConfigSourceInterceptorContext context) {
    return ENDPOINTS.stream().anyMatch(endpoint -> setExplicitly(context.restart(endpoint)));
  }
}
