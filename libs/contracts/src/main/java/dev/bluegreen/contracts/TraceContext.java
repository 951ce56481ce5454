package dev.bluegreen.contracts;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context (https://www.w3.org/TR/trace-context/): the trace an event belongs to and the
 * span that produced it. It travels with every event as the CloudEvents distributed-tracing
 * extension, {@code ce_traceparent} and {@code ce_tracestate} in binary mode, so one upgrade is one
 * trace from the REST call through the orchestrator to every phase service and back.
 *
 * <p>Written by hand rather than with the OpenTelemetry SDK: the format is one line, and this keeps
 * the contracts free of a tracing runtime. Any OpenTelemetry collector or agent reads it as is.
 *
 * @param traceId 32 lowercase hex digits, not all zero
 * @param spanId 16 lowercase hex digits, not all zero: the span that produced the event
 * @param flags 2 hex digits; {@code 01} = sampled
 * @param traceState vendor state to pass on untouched, or null
 */
public record TraceContext(String traceId, String spanId, String flags, String traceState) {

  /** CloudEvents distributed-tracing extension in Kafka binary mode. */
  public static final String TRACEPARENT_HEADER = "ce_traceparent";

  public static final String TRACESTATE_HEADER = "ce_tracestate";

  /** The HTTP request and response header of the W3C spec. */
  public static final String HTTP_TRACEPARENT = "traceparent";

  public static final String HTTP_TRACESTATE = "tracestate";

  private static final Pattern TRACEPARENT =
      Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
  private static final String ZERO_TRACE = "0".repeat(32);
  private static final String ZERO_SPAN = "0".repeat(16);
  private static final SecureRandom RANDOM = new SecureRandom();

  public TraceContext {
    if (traceId == null || !traceId.matches("[0-9a-f]{32}") || traceId.equals(ZERO_TRACE)) {
      throw new IllegalArgumentException("invalid trace id " + traceId);
    }
    if (spanId == null || !spanId.matches("[0-9a-f]{16}") || spanId.equals(ZERO_SPAN)) {
      throw new IllegalArgumentException("invalid span id " + spanId);
    }
    if (flags == null || !flags.matches("[0-9a-f]{2}")) {
      throw new IllegalArgumentException("invalid trace flags " + flags);
    }
    if (traceState != null && traceState.isBlank()) {
      traceState = null;
    }
  }

  /**
   * Reads a {@code traceparent} value (and an optional {@code tracestate}). Anything invalid is
   * empty, as the spec asks: a bad header starts a new trace instead of failing the request.
   */
  public static Optional<TraceContext> parse(String traceparent, String tracestate) {
    if (traceparent == null) {
      return Optional.empty();
    }
    var m = TRACEPARENT.matcher(traceparent.trim());
    if (!m.matches()
        || m.group(1).equals("ff")
        || (m.group(1).equals("00") && m.group(5) != null)) {
      return Optional.empty();
    }
    if (m.group(2).equals(ZERO_TRACE) || m.group(3).equals(ZERO_SPAN)) {
      return Optional.empty();
    }
    return Optional.of(new TraceContext(m.group(2), m.group(3), m.group(4), tracestate));
  }

  /** A new trace (sampled), for a request that came without one. */
  public static TraceContext newTrace() {
    return new TraceContext(randomHex(16), randomHex(8), "01", null);
  }

  /** The context of a new span in the same trace, whose parent is this one. */
  public TraceContext child() {
    return new TraceContext(traceId, randomHex(8), flags, traceState);
  }

  /** The {@code traceparent} value: {@code 00-<trace-id>-<span-id>-<flags>}. */
  public String traceparent() {
    return "00-" + traceId + "-" + spanId + "-" + flags;
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    String hex;
    do {
      RANDOM.nextBytes(b);
      hex = HexFormat.of().formatHex(b);
    } while (hex.chars().allMatch(c -> c == '0'));
    return hex;
  }
}
