package dev.bluegreen.orchestrator.streams;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Spans the app finishes, kept in memory for tests (Quarkus hands every CDI SpanExporter the
 * finished spans, and then installs no OTLP exporter). They arrive only where a test switches the
 * SDK on.
 */
public class InMemorySpans {
  @Produces
  @Singleton
  InMemorySpanExporter exporter() {
    return InMemorySpanExporter.create();
  }
}
