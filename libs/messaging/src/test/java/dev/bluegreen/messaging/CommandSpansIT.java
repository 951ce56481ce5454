package dev.bluegreen.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.TraceContext;
import dev.bluegreen.contracts.events.GreenClusterReady;
import dev.bluegreen.contracts.events.ProvisionGreen;
import dev.bluegreen.testkit.Deadline;
import dev.bluegreen.testkit.EventProbe;
import dev.bluegreen.testkit.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * With an OTLP endpoint configured (a stand-in collector on a local port), a handled command is a
 * span exported over OTLP/HTTP: in the command's trace, its parent the command's span, and itself
 * the parent named by the facts' {@code ce_traceparent}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@TestProfile(CommandSpansIT.Exporting.class)
class CommandSpansIT {

  /** Only the endpoint is set: that alone switches export on (libs/tracing's TracingSwitch). */
  public static class Exporting implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(OtlpReceiver.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.otel.bsp.schedule.delay", "PT0.1S");
    }
  }

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @ConfigProperty(name = "quarkus.otel.sdk.disabled")
  boolean sdkDisabled;

  @Test
  void command_isAnExportedSpan_childOfTheCommands_andParentOfItsFacts() {
    assertEquals(false, sdkDisabled, "an endpoint is set: the SDK runs");
    TraceContext commandTrace = TraceContext.newTrace();
    CloudEvent<ProvisionGreen> command =
        CloudEvent.of(
                "/orchestrator",
                new ProvisionGreen(
                    "upg-s1:2:ProvisionGreen", "upg-s1", "spans-prod", "spans-prod-g1", "1.31"),
                Instant.now())
            .withTrace(commandTrace);
    try (EventProbe probe = new EventProbe(bootstrapServers)) {
      probe.publish(command);
      CloudEvent<GreenClusterReady> fact =
          probe.await(Topics.FACTS, GreenClusterReady.class, f -> f.upgradeId().equals("upg-s1"));

      TraceContext handling = fact.trace();
      assertEquals(commandTrace.traceId(), handling.traceId(), "one trace");
      assertNotEquals(commandTrace.spanId(), handling.spanId());

      // The handling span (the fact's parent) is exported, in the command's trace, naming the
      // command's span as its parent: all three ids in one exported span.
      Deadline until = Deadline.in(Duration.ofSeconds(30));
      while (!OtlpReceiver.exportedTogether(
          commandTrace.traceId(), handling.spanId(), commandTrace.spanId())) {
        until.check(
            "the command's span exported to the OTLP endpoint ("
                + OtlpReceiver.count()
                + " exports)");
        until.pause();
      }

      // SmallRye's own Kafka tracing is off: no second, plain traceparent header on the fact.
      var record =
          probe.awaitRecord(
              Topics.FACTS.name(),
              r -> new String(r.headers().lastHeader("ce_id").value()).equals(fact.id()),
              "the fact's record",
              Duration.ofSeconds(10));
      assertNull(record.headers().lastHeader("traceparent"));
    }
  }
}
