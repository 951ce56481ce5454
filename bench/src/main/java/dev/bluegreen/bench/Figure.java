package dev.bluegreen.bench;

/**
 * One measured figure next to its baseline from the same run.
 *
 * @param name what was measured, e.g. {@code B_cons}
 * @param value the measurement, or NaN when it could not be measured (then {@code note} says why)
 * @param unit its unit, e.g. {@code records/s}
 * @param baseline the name of the figure it is compared with, or null for a baseline itself
 * @param ratio value / baseline value (or the reverse for costs, as {@code note} says), or NaN
 * @param note how it was measured, in one line, or why it failed
 */
record Figure(String name, double value, String unit, String baseline, double ratio, String note) {

  static Figure baseline(String name, double value, String unit, String note) {
    return new Figure(name, value, unit, null, Double.NaN, note);
  }

  static Figure against(Figure baseline, String name, double value, String unit, String note) {
    return new Figure(name, value, unit, baseline.name(), value / baseline.value(), note);
  }

  /** A figure with an explicit ratio (e.g. a share, or a cost where smaller is better). */
  static Figure withRatio(
      String name, double value, String unit, String baseline, double ratio, String note) {
    return new Figure(name, value, unit, baseline, ratio, note);
  }

  /** A figure that could not be measured in this run; the run goes on and reports why. */
  static Figure failed(String name, String unit, Throwable why) {
    StringBuilder reason = new StringBuilder();
    for (Throwable t = why; t != null; t = t.getCause()) {
      reason.append(reason.length() == 0 ? "" : " <- ");
      reason.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
    }
    return new Figure(
        name,
        Double.NaN,
        unit,
        null,
        Double.NaN,
        "FAILED: " + reason.toString().replace('\n', ' '));
  }

  boolean measured() {
    return !Double.isNaN(value);
  }
}
