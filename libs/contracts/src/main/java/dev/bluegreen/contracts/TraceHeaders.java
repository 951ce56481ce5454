package dev.bluegreen.contracts;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;

/**
 * The CloudEvents distributed-tracing extension in Kafka binary mode: {@link TraceContext} as the
 * {@code ce_traceparent} and {@code ce_tracestate} headers. A header convention, not part of any
 * event's schema; a record without them (or with an invalid one) is simply untraced.
 */
public final class TraceHeaders {

  private TraceHeaders() {}

  /** The trace context of a record, if it carries a valid one. */
  public static Optional<TraceContext> read(Headers headers) {
    return TraceContext.parse(
        CloudEventCodec.header(headers, TraceContext.TRACEPARENT_HEADER),
        CloudEventCodec.header(headers, TraceContext.TRACESTATE_HEADER));
  }

  /** Sets (replaces) the trace headers. */
  public static void write(TraceContext trace, Headers headers) {
    headers.remove(TraceContext.TRACEPARENT_HEADER);
    headers.remove(TraceContext.TRACESTATE_HEADER);
    headers.add(
        TraceContext.TRACEPARENT_HEADER, trace.traceparent().getBytes(StandardCharsets.UTF_8));
    if (trace.traceState() != null) {
      headers.add(
          TraceContext.TRACESTATE_HEADER, trace.traceState().getBytes(StandardCharsets.UTF_8));
    }
  }
}
