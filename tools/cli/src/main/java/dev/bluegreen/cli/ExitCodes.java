package dev.bluegreen.cli;

/**
 * What {@code bin/bluegreen} exits with, so a script can tell an upgrade that failed from an API
 * that could not be reached. {@code watch} (and {@code upgrade --watch}) exit with the upgrade's
 * outcome.
 */
public final class ExitCodes {

  /** The command did what was asked; for a watch, the upgrade COMPLETED. */
  public static final int OK = 0;

  /** The API refused (a 4xx or 5xx problem), or something else went wrong; stderr says what. */
  public static final int ERROR = 1;

  /** The command line was wrong (picocli's own code for usage errors). */
  public static final int USAGE = 2;

  /** The API could not be reached, or a watch gave up before the upgrade ended. */
  public static final int GAVE_UP = 3;

  /** The watched upgrade ended FAILED. */
  public static final int FAILED = 10;

  /** The watched upgrade ended ROLLED_BACK. */
  public static final int ROLLED_BACK = 11;

  /** The watched upgrade ended CANCELLED. */
  public static final int CANCELLED = 12;

  /** A watched campaign PAUSED (stop the line) and the watch was asked to stop there. */
  public static final int CAMPAIGN_PAUSED = 13;

  private ExitCodes() {}

  /**
   * The exit code of an upgrade that ended in {@code state}.
   *
   * @throws IllegalArgumentException when {@code state} is not a terminal state
   */
  public static int ofOutcome(String state) {
    return switch (state) {
      case "COMPLETED" -> OK;
      case "FAILED" -> FAILED;
      case "ROLLED_BACK" -> ROLLED_BACK;
      case "CANCELLED" -> CANCELLED;
      default -> throw new IllegalArgumentException(state + " is not an outcome");
    };
  }

  /** Whether an upgrade in {@code state} has ended. */
  public static boolean isOutcome(String state) {
    return switch (state) {
      case "COMPLETED", "FAILED", "ROLLED_BACK", "CANCELLED" -> true;
      default -> false;
    };
  }
}
