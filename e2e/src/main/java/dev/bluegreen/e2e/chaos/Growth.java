package dev.bluegreen.e2e.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a series of samples of one metric levels off. Pure: no clock, no I/O.
 *
 * <p>The series is cut into thirds by sample count. The first third is warm-up (JIT, heap and
 * thread pools growing to their working size, caches filling) and only reported. The judge compares
 * the median of the last third with the median of the middle third: growth beyond {@code
 * max(relativeTolerance × middle, absoluteSlack)} does not level off. Medians, not means or
 * extremes, so a garbage collector's sawtooth or one odd sample does not decide; the absolute slack
 * keeps a small figure (a handful of threads, a few file handles) from failing on noise.
 *
 * @param metric what is measured, e.g. {@code rssBytes}
 * @param relativeTolerance growth allowed as a fraction of the middle third's median, e.g. 0.10
 * @param absoluteSlack growth always allowed, in the metric's unit
 * @param minimumSamples fewer samples than this are not judged ({@link Verdict#TOO_SHORT})
 */
public record Growth(
    String metric, double relativeTolerance, double absoluteSlack, int minimumSamples) {

  /** A series needs at least three samples per third for its medians to mean anything. */
  public static final int DEFAULT_MINIMUM_SAMPLES = 9;

  /** Resident memory: a JVM's RSS creeps as its heap and metaspace settle. */
  public static final Growth RSS = new Growth("rssBytes", 0.10, 48.0 * 1024 * 1024, 9);

  /** Live threads: pools grow and shrink by a few. */
  public static final Growth THREADS = new Growth("threads", 0.10, 5, 9);

  /** Open file descriptors: sockets come and go with connections. */
  public static final Growth FILE_HANDLES = new Growth("fileHandles", 0.10, 20, 9);

  /**
   * The orchestrator's Kafka Streams state directory on disk: RocksDB flushes and compacts in
   * steps, and every upgrade adds a record, so more room than for the others.
   */
  public static final Growth STATE_STORE =
      new Growth("stateStoreBytes", 0.25, 4.0 * 1024 * 1024, 9);

  /**
   * The heap a service keeps: used after a full collection ({@link HeapProbe}). What a leak on the
   * heap grows; caches fill to their bounds in the warm-up third.
   */
  public static final Growth LIVE_HEAP = new Growth("liveHeapBytes", 0.15, 16.0 * 1024 * 1024, 9);

  /** Loaded classes' metadata: settles once every code path has run. */
  public static final Growth METASPACE = new Growth("metaspaceBytes", 0.05, 4.0 * 1024 * 1024, 9);

  /** Every metric a soak run judges, in report order. */
  public static final List<Growth> ALL =
      List.of(RSS, LIVE_HEAP, METASPACE, THREADS, FILE_HANDLES, STATE_STORE);

  /** One sample: {@code value} at {@code seconds} from the start of the run. */
  public record Sample(double seconds, double value) {}

  /** What the judge found. */
  public enum Verdict {
    /** The last third's median is within the allowance of the middle third's. */
    LEVELS_OFF,
    /** The last third's median is above the middle third's by more than the allowance. */
    GROWS,
    /** Too few samples to judge (a service restarted shortly before the end, say). */
    TOO_SHORT
  }

  /**
   * The judgement of one series.
   *
   * @param metric the metric judged
   * @param samples how many samples the series holds
   * @param first the first third's median (warm-up, reported only)
   * @param middle the middle third's median
   * @param last the last third's median
   * @param allowed the growth from middle to last that still levels off
   * @param verdict the verdict
   */
  public record Judgement(
      String metric,
      int samples,
      double first,
      double middle,
      double last,
      double allowed,
      Verdict verdict) {

    /** The figures in a line, e.g. for a failure: medians first/middle/last and the allowance. */
    public String figures() {
      return String.format(
          Locale.ROOT,
          "%s medians first/middle/last %.0f/%.0f/%.0f (+%.0f, allowed +%.0f) over %d samples",
          metric,
          first,
          middle,
          last,
          last - middle,
          allowed,
          samples);
    }
  }

  /** Judges {@code series}, ordered by time. */
  public Judgement judge(List<Sample> series) {
    int n = series.size();
    if (n < Math.max(3, minimumSamples)) {
      double only = n == 0 ? Double.NaN : median(values(series, 0, n));
      return new Judgement(metric, n, only, only, only, Double.NaN, Verdict.TOO_SHORT);
    }
    int third = n / 3;
    double first = median(values(series, 0, third));
    double middle = median(values(series, third, n - third));
    double last = median(values(series, n - third, n));
    double allowed = Math.max(relativeTolerance * Math.abs(middle), absoluteSlack);
    Verdict verdict = last - middle > allowed ? Verdict.GROWS : Verdict.LEVELS_OFF;
    return new Judgement(metric, n, first, middle, last, allowed, verdict);
  }

  private static List<Double> values(List<Sample> series, int from, int to) {
    List<Double> values = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      values.add(series.get(i).value());
    }
    return values;
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
