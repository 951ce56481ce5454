package dev.bluegreen.tracing;

import dev.bluegreen.contracts.TraceContext;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * One span of work on an event, started from the event's {@code ce_traceparent} and current (on
 * this thread) until closed, so cloud calls made meanwhile become its children. Events produced
 * while it is open carry {@link #trace()}: their {@code ce_traceparent}'s parent is this span.
 *
 * <p>With the SDK off (no OTLP endpoint, see {@link TracingSwitch}) or outside Quarkus the span is
 * a no-op, {@link #trace()} is null and callers keep their hand-made child context, as before.
 *
 * <pre>
 * try (EventSpan span = EventSpan.start("dev.bluegreen.messaging", "handle X", SpanKind.CONSUMER,
 *     event.trace(), attributes)) {
 *   ... publish events carrying span.trace() ...
 * }
 * </pre>
 */
public final class EventSpan implements AutoCloseable {

  private final Span span;
  private final Scope scope;
  private final String traceState;

  private EventSpan(Span span, String traceState) {
    this.span = span;
    this.scope = span.makeCurrent();
    this.traceState = traceState;
  }

  /**
   * Starts and makes current a span whose parent is {@code parent} (an event's trace context), or a
   * new trace when it is null.
   *
   * @param instrumentation the tracer's name, e.g. {@code dev.bluegreen.messaging}
   */
  public static EventSpan start(
      String instrumentation,
      String name,
      SpanKind kind,
      TraceContext parent,
      Attributes attributes) {
    // Never GlobalOpenTelemetry.get(): outside Quarkus (unit tests, tools) that would install a
    // no-op for good; getOrNoop only reads what Quarkus installed at start-up.
    var builder =
        GlobalOpenTelemetry.getOrNoop()
            .getTracer(instrumentation)
            .spanBuilder(name)
            .setSpanKind(kind)
            .setAllAttributes(attributes)
            .setParent(
                parent == null ? Context.root() : Context.root().with(Span.wrap(of(parent))));
    return new EventSpan(builder.startSpan(), parent == null ? null : parent.traceState());
  }

  /** The remote span context of an event's trace. */
  static SpanContext of(TraceContext trace) {
    return SpanContext.createFromRemoteParent(
        trace.traceId(),
        trace.spanId(),
        TraceFlags.fromHex(trace.flags(), 0),
        TraceState.getDefault());
  }

  /**
   * This span as the trace context of events produced under it, or null when nothing is traced (the
   * SDK is off): callers then make their own child context.
   */
  public TraceContext trace() {
    return toTrace(span.getSpanContext(), traceState);
  }

  /** The current span (e.g. Quarkus' HTTP server span) as a trace context, or null. */
  public static TraceContext current(String traceState) {
    return toTrace(Span.current().getSpanContext(), traceState);
  }

  private static TraceContext toTrace(SpanContext context, String traceState) {
    // A no-op tracer's "span" is the remote parent itself: only a span made here counts.
    if (!context.isValid() || context.isRemote()) {
      return null;
    }
    return new TraceContext(
        context.getTraceId(), context.getSpanId(), context.getTraceFlags().asHex(), traceState);
  }

  /** Adds an attribute (e.g. the outcome) to the span. */
  public void attribute(String key, String value) {
    span.setAttribute(key, value);
  }

  /** Marks the span failed with the exception that ended the work. */
  public void failed(Throwable e) {
    span.recordException(e);
    span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
  }

  /** Marks the span failed with a reason (e.g. a phase failure reported as a fact). */
  public void failed(String reason) {
    span.setStatus(StatusCode.ERROR, reason);
  }

  @Override
  public void close() {
    scope.close();
    span.end();
  }
}
