package dev.bluegreen.tracing;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Span export is off unless an OTLP endpoint is configured. Quarkus' exporter otherwise sends to
 * {@code localhost:4317} whenever the SDK runs, so without an endpoint this switches the SDK off:
 * {@code quarkus.otel.sdk.disabled=true}, at the lowest ordinal, so any explicit setting of it
 * wins. Read when the configuration is built, at start-up: the same image exports or not by its
 * environment ({@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT}), no rebuild.
 *
 * <p>Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}.
 */
public final class TracingSwitch implements ConfigSourceFactory {

  /** The properties any of which turns export on. */
  public static final List<String> ENDPOINTS =
      List.of("quarkus.otel.exporter.otlp.endpoint", "quarkus.otel.exporter.otlp.traces.endpoint");

  public static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";

  /** Below every other source (application.properties is 250, microprofile-config 100). */
  static final int ORDINAL = 1;

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    boolean endpointSet =
        ENDPOINTS.stream()
            .map(context::getValue)
            .anyMatch(v -> v != null && v.getValue() != null && !v.getValue().isBlank());
    if (endpointSet) {
      return List.of();
    }
    return List.of(
        new PropertiesConfigSource(
            Map.of(SDK_DISABLED, "true"), "bluegreen-tracing: no OTLP endpoint", ORDINAL));
  }

  @Override
  public OptionalInt getPriority() {
    return OptionalInt.of(ORDINAL);
  }
}
