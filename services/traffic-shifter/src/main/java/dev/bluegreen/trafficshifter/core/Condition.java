package dev.bluegreen.trafficshifter.core;

import java.util.Locale;

/**
 * A bound on green's value relative to blue's over the same window: {@code green <= max(blue *
 * factor, floor)} for lower-is-better metrics, {@code green >= min(blue * factor, floor)} for
 * higher-is-better ones. The absolute {@code floor} keeps a near-perfect blue from making any noise
 * on green a failure (e.g. 5xx ratio <= max(blue * 1.2, 0.1%)).
 *
 * @param direction whether green must stay at most or at least the limit
 * @param factor multiplier applied to blue's value
 * @param floor the absolute bound combined with the relative one
 */
public record Condition(Direction direction, double factor, double floor) {

  /** Which side of the limit green must stay on. */
  public enum Direction {
    /** green <= max(blue * factor, floor). */
    AT_MOST,
    /** green >= min(blue * factor, floor). */
    AT_LEAST
  }

  /** The limit for green given blue's value (blue absent counts as 0 for AT_MOST, 1 else). */
  public double limit(Double blue) {
    return switch (direction) {
      case AT_MOST -> Math.max((blue == null ? 0 : blue) * factor, floor);
      case AT_LEAST -> Math.min((blue == null ? 1 : blue) * factor, floor);
    };
  }

  /** Whether green's value satisfies the condition. */
  public boolean holds(Double blue, double green) {
    double limit = limit(blue);
    return direction == Direction.AT_MOST ? green <= limit : green >= limit;
  }

  /** The condition as text, with the numbers it was evaluated with. */
  public String describe(Double blue) {
    String op = direction == Direction.AT_MOST ? "<=" : ">=";
    String fn = direction == Direction.AT_MOST ? "max" : "min";
    return String.format(
        Locale.ROOT,
        "green %s %s(blue × %s, %s) = %s",
        op,
        fn,
        num(factor),
        num(floor),
        num(limit(blue)));
  }

  /** The condition as text, without numbers. */
  @Override
  public String toString() {
    String op = direction == Direction.AT_MOST ? "<=" : ">=";
    String fn = direction == Direction.AT_MOST ? "max" : "min";
    return "green " + op + " " + fn + "(blue × " + num(factor) + ", " + num(floor) + ")";
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+(?=$|e)", "");
  }
}
