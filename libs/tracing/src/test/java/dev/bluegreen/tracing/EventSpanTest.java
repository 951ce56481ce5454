package dev.bluegreen.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bluegreen.contracts.TraceContext;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventSpanTest {

  private static final TraceContext PARENT =
      TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "vendor=x")
          .orElseThrow();

  @AfterEach
  void reset() {
    GlobalOpenTelemetry.resetForTest();
  }

  @Test
  void withoutAnSdk_nothingIsTraced_andCallersKeepTheirOwnContext() {
    try (EventSpan span =
        EventSpan.start("test", "handle X", SpanKind.CONSUMER, PARENT, Attributes.empty())) {
      assertNull(span.trace());
      assertNull(EventSpan.current(null));
    }
  }

  @Test
  void aSpan_isAChildOfTheEventsContext_andWhatItProducesIsItsChild() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    GlobalOpenTelemetry.set(
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build());
    TraceContext produced;
    try (EventSpan span =
        EventSpan.start("test", "handle X", SpanKind.CONSUMER, PARENT, Attributes.empty())) {
      produced = span.trace();
      assertEquals(produced, EventSpan.current("vendor=x"), "the span is current while open");
    }
    assertEquals(Span.getInvalid(), Span.current(), "not current after close");
    SpanData data = exporter.getFinishedSpanItems().get(0);
    assertEquals(PARENT.traceId(), data.getTraceId());
    assertEquals(PARENT.spanId(), data.getParentSpanId());
    assertEquals(data.getSpanId(), produced.spanId());
    assertEquals(PARENT.traceId(), produced.traceId());
    assertEquals("vendor=x", produced.traceState(), "the tracestate is passed on");
    assertEquals("01", produced.flags());
  }
}
