package dev.bluegreen.trafficshifter.core;

import dev.bluegreen.contracts.events.Measurement;
import dev.bluegreen.contracts.events.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * Turns observations into measurements and measurements into a verdict. Pure.
 *
 * <p>A measurement is INCONCLUSIVE when green served fewer than the minimum requests (no evidence
 * is not bad evidence) or had no data; SUCCESSFUL when the success condition holds; FAILED when the
 * failure condition does not hold; INCONCLUSIVE between the two. The verdict: FAILED when failed
 * measurements exceed the failure limit; else INCONCLUSIVE when inconclusive ones exceed the
 * inconclusive limit; else SUCCESSFUL. Limits count measurements of all metrics together.
 */
public final class AnalysisEvaluation {

  private AnalysisEvaluation() {}

  /**
   * What one metric shows for blue and green over one window, from the window's traffic and the
   * target health read at its end (null health: not read).
   */
  public static Observation observe(
      MetricSpec metric,
      int windowIndex,
      java.time.Instant from,
      java.time.Instant to,
      TrafficStats blue,
      TrafficStats green,
      TargetHealthSummary blueHealth,
      TargetHealthSummary greenHealth) {
    Double blueValue;
    Double greenValue;
    switch (metric.source()) {
      case ERROR_RATE -> {
        blueValue = blue.errorRate();
        greenValue = green.errorRate();
      }
      case RESPONSE_TIME -> {
        blueValue = blue.meanResponseTime();
        greenValue = green.meanResponseTime();
      }
      default -> {
        blueValue = blueHealth == null ? null : blueHealth.healthyRatio();
        greenValue = greenHealth == null ? null : greenHealth.healthyRatio();
      }
    }
    return new Observation(
        metric, windowIndex, from, to, blueValue, greenValue, blue.requests(), green.requests());
  }

  /** The first instant at or after {@code t} that is a whole multiple of {@code period}. */
  public static java.time.Instant alignUp(java.time.Instant t, java.time.Duration period) {
    long p = Math.max(1, period.toMillis());
    long ms = t.toEpochMilli();
    long aligned = Math.floorDiv(ms + p - 1, p) * p;
    return java.time.Instant.ofEpochMilli(aligned);
  }

  /** The measurement one observation gives. */
  public static Measurement measure(AnalysisSpec spec, Observation o) {
    MetricSpec m = o.metric();
    String window =
        " [window " + o.windowIndex() + "/" + spec.count() + " " + o.from() + ".." + o.to() + "]";
    Long greenRequests = m.source().needsRequests() ? o.greenRequests() : null;
    if (m.source().needsRequests() && o.greenRequests() < spec.minRequests()) {
      return new Measurement(
          m.name(),
          o.blueValue(),
          o.greenValue(),
          greenRequests,
          "green served "
              + o.greenRequests()
              + " requests < minimum "
              + spec.minRequests()
              + ": too little traffic to judge "
              + m.success()
              + window,
          Verdict.INCONCLUSIVE);
    }
    if (o.greenValue() == null) {
      return new Measurement(
          m.name(),
          o.blueValue(),
          null,
          greenRequests,
          "no data for green: " + m.success() + window,
          Verdict.INCONCLUSIVE);
    }
    double green = o.greenValue();
    Verdict result;
    String condition;
    if (m.success().holds(o.blueValue(), green)) {
      result = Verdict.SUCCESSFUL;
      condition = m.success().describe(o.blueValue());
    } else if (!m.failure().holds(o.blueValue(), green)) {
      result = Verdict.FAILED;
      condition = "not " + m.failure().describe(o.blueValue());
    } else {
      result = Verdict.INCONCLUSIVE;
      condition =
          "not "
              + m.success().describe(o.blueValue())
              + " but "
              + m.failure().describe(o.blueValue());
    }
    return new Measurement(
        m.name(),
        o.blueValue(),
        green,
        greenRequests,
        condition + " (green " + Condition.num(green) + ")" + window,
        result);
  }

  /** The verdict once every window is measured. */
  public static Verdict verdict(AnalysisSpec spec, List<Measurement> measurements) {
    return early(spec, measurements).orElse(Verdict.SUCCESSFUL);
  }

  /**
   * A verdict that further measurements cannot change (a limit is already exceeded), so the
   * analysis can stop early instead of keeping traffic on a bad green.
   */
  public static Optional<Verdict> early(AnalysisSpec spec, List<Measurement> measurements) {
    long failed = measurements.stream().filter(m -> m.result() == Verdict.FAILED).count();
    long inconclusive =
        measurements.stream().filter(m -> m.result() == Verdict.INCONCLUSIVE).count();
    if (failed > spec.failureLimit()) {
      return Optional.of(Verdict.FAILED);
    }
    if (inconclusive > spec.inconclusiveLimit()) {
      return Optional.of(Verdict.INCONCLUSIVE);
    }
    return Optional.empty();
  }
}
