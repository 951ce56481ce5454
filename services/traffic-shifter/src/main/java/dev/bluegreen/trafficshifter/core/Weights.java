package dev.bluegreen.trafficshifter.core;

/**
 * How a listener rule splits traffic between blue and green, in percent of the rule's traffic.
 *
 * @param blue blue's share in percent
 * @param green green's share in percent
 */
public record Weights(int blue, int green) {

  /** All traffic on blue: what a rollback restores. */
  public static final Weights ALL_BLUE = new Weights(100, 0);

  /** Green at an absolute percentage and blue at the rest (never cumulative). */
  public static Weights greenAt(int greenPercent) {
    if (greenPercent < 0 || greenPercent > 100) {
      throw new IllegalArgumentException("green weight must be 0..100, was " + greenPercent);
    }
    return new Weights(100 - greenPercent, greenPercent);
  }

  @Override
  public String toString() {
    return "blue " + blue + "% / green " + green + "%";
  }
}
