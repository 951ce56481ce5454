package dev.bluegreen.orchestrator.streams;

import dev.bluegreen.contracts.TraceContext;

/**
 * Which trace the orchestrator's output about an upgrade belongs to: one upgrade is one trace. The
 * trace is fixed by the request that started the upgrade (its {@code traceparent}, or a new one);
 * facts answering our commands continue it; inputs that come without it (a person's approval with
 * no or another trace header, a timer) are put back into it, so every command and audit entry of
 * the upgrade carries the same trace id.
 */
final class UpgradeTraces {

  private UpgradeTraces() {}

  /**
   * The span context of the orchestrator's work on one input.
   *
   * @param stored the upgrade's trace as first seen, or null for a new upgrade
   * @param incoming the input's own trace context, or null (untraced, or a timer)
   * @return a child of the incoming span when it is in the upgrade's trace, else a child of the
   *     upgrade's stored root, else (a new upgrade) a child of the incoming span or a new trace
   */
  static TraceContext forInput(TraceContext stored, TraceContext incoming) {
    TraceContext parent = parentOf(stored, incoming);
    return parent == null ? TraceContext.newTrace() : parent.child();
  }

  /**
   * The parent of the orchestrator's span for one input: the incoming span when it is in the
   * upgrade's trace (or the upgrade is new), else the upgrade's stored span; null for a new upgrade
   * that came without a trace.
   */
  static TraceContext parentOf(TraceContext stored, TraceContext incoming) {
    if (stored == null) {
      return incoming;
    }
    if (incoming != null && incoming.traceId().equals(stored.traceId())) {
      return incoming;
    }
    return stored;
  }

  /** The stored form: the traceparent, and the tracestate after a newline when there is one. */
  static String encode(TraceContext trace) {
    return trace.traceState() == null
        ? trace.traceparent()
        : trace.traceparent() + "\n" + trace.traceState();
  }

  /** Reads {@link #encode}'s form back; null for null or anything unreadable. */
  static TraceContext decode(String stored) {
    if (stored == null) {
      return null;
    }
    int newline = stored.indexOf('\n');
    return newline < 0
        ? TraceContext.parse(stored, null).orElse(null)
        : TraceContext.parse(stored.substring(0, newline), stored.substring(newline + 1))
            .orElse(null);
  }
}
