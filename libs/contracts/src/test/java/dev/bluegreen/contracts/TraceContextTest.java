package dev.bluegreen.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.events.Phase;
import dev.bluegreen.contracts.events.PhaseProgressed;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The W3C trace context and its journey in the CloudEvents distributed-tracing headers. */
class TraceContextTest {

  private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private final CloudEventCodec codec = new CloudEventCodec();

  @Test
  void aValidTraceparent_parsesAndPrintsBackTheSame() {
    TraceContext trace = TraceContext.parse(PARENT, "vendor=x").orElseThrow();
    assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", trace.traceId());
    assertEquals("00f067aa0ba902b7", trace.spanId());
    assertEquals(PARENT, trace.traceparent());
    assertEquals("vendor=x", trace.traceState());
  }

  @Test
  void invalidTraceparents_areIgnored_notErrors() {
    for (String bad :
        new String[] {
          "",
          "garbage",
          "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
          "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
          "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
          "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
          "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"
        }) {
      assertTrue(TraceContext.parse(bad, null).isEmpty(), bad);
    }
  }

  @Test
  void aChildSpan_keepsTheTrace_withANewSpanId() {
    TraceContext parent = TraceContext.newTrace();
    TraceContext child = parent.child();
    assertEquals(parent.traceId(), child.traceId());
    assertNotEquals(parent.spanId(), child.spanId());
    assertEquals("01", child.flags());
  }

  @Test
  void theTrace_travelsAsCeTraceparentHeaders_andIsReadBack() {
    TraceContext trace = TraceContext.parse(PARENT, "vendor=x").orElseThrow();
    var record =
        codec.toRecord(
            CloudEvent.of("/test", Fixtures.provisionGreen(), Fixtures.NOW).withTrace(trace));
    assertEquals(PARENT, header(record.headers(), "ce_traceparent"));
    assertEquals("vendor=x", header(record.headers(), "ce_tracestate"));

    Incoming.Valid valid =
        assertInstanceOf(Incoming.Valid.class, codec.decode(record.headers(), record.value()));
    assertEquals(trace, valid.event().trace());
  }

  @Test
  void anEventCausedByATracedOne_isInTheSameTrace_asAChildSpan() {
    TraceContext trace = TraceContext.parse(PARENT, null).orElseThrow();
    CloudEvent<?> command =
        CloudEvent.of("/orchestrator", Fixtures.provisionGreen(), Fixtures.NOW).withTrace(trace);
    CloudEvent<?> fact =
        CloudEvent.causedBy(
            command,
            "/provisioner",
            new PhaseProgressed(
                "upg-1:2:ProvisionGreen",
                "upg-1",
                "payments-prod",
                "payments-prod-gupg1",
                Phase.PROVISIONING,
                "creating",
                null,
                null,
                "creating the green cluster"),
            Fixtures.NOW);
    assertEquals(trace.traceId(), fact.trace().traceId());
    assertNotEquals(trace.spanId(), fact.trace().spanId());
  }

  @Test
  void anUntracedEvent_hasNoTraceHeaders_andReadsBackUntraced() {
    var record = codec.toRecord(CloudEvent.of("/test", Fixtures.provisionGreen(), Fixtures.NOW));
    assertNull(record.headers().lastHeader("ce_traceparent"));
    Incoming.Valid valid =
        assertInstanceOf(Incoming.Valid.class, codec.decode(record.headers(), record.value()));
    assertNull(valid.event().trace());
  }

  private static String header(org.apache.kafka.common.header.Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
