package dev.bluegreen.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingSwitchTest {

  private static boolean sdkDisabled(Map<String, String> properties) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(properties, "test", 250))
            // Quarkus' own defaults: the SDK on, the endpoint localhost:4317.
            .withDefaultValue(TracingSwitch.SDK_DISABLED, "false")
            .withDefaultValue("quarkus.otel.exporter.otlp.endpoint", "http://localhost:4317/")
            .withInterceptors(new TracingSwitch())
            .build();
    return config.getValue(TracingSwitch.SDK_DISABLED, Boolean.class);
  }

  @Test
  void noEndpoint_switchesTheSdkOff() {
    assertEquals(true, sdkDisabled(Map.of()));
  }

  @Test
  void anOtlpEndpoint_leavesTheSdkOn() {
    assertEquals(
        false, sdkDisabled(Map.of("quarkus.otel.exporter.otlp.endpoint", "http://collector:4317")));
  }

  @Test
  void aTracesEndpoint_leavesTheSdkOn() {
    assertEquals(
        false,
        sdkDisabled(Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://collector:4318")));
  }

  @Test
  void aBlankEndpoint_isNoEndpoint() {
    assertEquals(true, sdkDisabled(Map.of("quarkus.otel.exporter.otlp.endpoint", " ")));
  }

  @Test
  void anExplicitSetting_wins() {
    assertEquals(false, sdkDisabled(Map.of("quarkus.otel.sdk.disabled", "false")));
    assertEquals(
        true,
        sdkDisabled(
            Map.of(
                "quarkus.otel.exporter.otlp.endpoint",
                "http://collector:4317",
                "quarkus.otel.sdk.disabled",
                "true")));
  }
}
