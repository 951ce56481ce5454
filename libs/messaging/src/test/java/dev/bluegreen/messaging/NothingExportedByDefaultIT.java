package dev.bluegreen.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.TraceContext;
import dev.bluegreen.contracts.events.GreenClusterReady;
import dev.bluegreen.contracts.events.ProvisionGreen;
import dev.bluegreen.testkit.EventProbe;
import dev.bluegreen.testkit.KafkaBrokerTestResource;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * With no OTLP endpoint configured (this module's plain test configuration, like a service run
 * without one), the SDK is off and nothing tries to reach a collector: not even after a command was
 * handled and a flush was forced, is there a single connection to {@code localhost:4317}, where
 * Quarkus' exporter sends by default. The trace still travels in {@code ce_traceparent}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(DefaultCollectorPortWatch.class)
class NothingExportedByDefaultIT {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @ConfigProperty(name = "quarkus.otel.sdk.disabled")
  boolean sdkDisabled;

  @Inject OpenTelemetry openTelemetry;

  @Test
  void noEndpoint_noExport_noConnection_andTheTraceStillTravels() {
    assumeTrue(
        DefaultCollectorPortWatch.unavailable() == null,
        String.valueOf(DefaultCollectorPortWatch.unavailable()));
    assertEquals(true, sdkDisabled, "no endpoint: the SDK is switched off");

    TraceContext commandTrace = TraceContext.newTrace();
    CloudEvent<ProvisionGreen> command =
        CloudEvent.of(
                "/orchestrator",
                new ProvisionGreen(
                    "upg-n1:2:ProvisionGreen", "upg-n1", "quiet-prod", "quiet-prod-g1", "1.31"),
                Instant.now())
            .withTrace(commandTrace);
    try (EventProbe probe = new EventProbe(bootstrapServers)) {
      probe.publish(command);
      CloudEvent<GreenClusterReady> fact =
          probe.await(Topics.FACTS, GreenClusterReady.class, f -> f.upgradeId().equals("upg-n1"));
      assertEquals(commandTrace.traceId(), fact.trace().traceId());
      assertNotEquals(commandTrace.spanId(), fact.trace().spanId());
    }

    // Whatever would have been exported is sent by the time a forced flush completes.
    ((OpenTelemetrySdk) openTelemetry)
        .getSdkTracerProvider()
        .forceFlush()
        .join(10, TimeUnit.SECONDS);
    assertEquals(0, DefaultCollectorPortWatch.connections(), "connections to localhost:4317");
  }
}
