package dev.bluegreen.bench;

/**
 * One measured figure next to its baseline from the same run.
 *
 * @param name what was measured, e.g. {@code B_cons}
 * @param value the measurement
 * @param unit its unit, e.g. {@code records/s}
 * @param baseline the name of the figure it is compared with, or null for a baseline itself
 * @param ratio value / baseline value (or the reverse for costs, as {@code note} says), or NaN
 * @param note how it was measured, in one line
 */
record Figure(String name, double value, String unit, String baseline, double ratio, String note) {

  static Figure baseline(String name, double value, String unit, String note) {
    return new Figure(name, value, unit, null, Double.NaN, note);
  }

  static Figure against(Figure baseline, String name, double value, String unit, String note) {
    return new Figure(name, value, unit, baseline.name(), value / baseline.value(), note);
  }
}
