package dev.bluegreen.trafficshifter.core;

import java.util.Optional;

/**
 * Which traffic command last set a listener rule's weights, kept on the rule itself as a tag, so
 * that it survives restarts of the traffic shifter: the upgrade, and the plan step it carried out
 * or its rollback.
 *
 * <p>Why: commands are redelivered after a restart (their offsets were not yet committed) and may
 * then be handled beside the later command that followed them. Without a record in the world, an
 * older step could move traffic back after a newer one (found by {@code bin/chaos}). The stamp is
 * written before the rule's forward action is modified, so after a crash between the two it is
 * ahead of the weights, never behind: a redelivered command it supersedes is not carried out again.
 *
 * <p>Within an upgrade, step indices only grow and a rollback is the last word on traffic. A stamp
 * of another upgrade says nothing about this one's commands.
 *
 * @param upgradeId the upgrade whose command wrote the rule
 * @param stepIndex the plan step carried out; -1 for a rollback
 */
public record TrafficStamp(String upgradeId, int stepIndex) {

  /** The tag key on the listener rule. */
  public static final String TAG = "bluegreen.dev/traffic-command";

  private static final int ROLLBACK = -1;
  private static final String STEP = "/step/";
  private static final String ROLLED_BACK = "/rollback";

  /** The stamp of a {@code SetTrafficWeight} for this plan step. */
  public static TrafficStamp step(String upgradeId, int stepIndex) {
    if (stepIndex < 0) {
      throw new IllegalArgumentException("step index must be >= 0, was " + stepIndex);
    }
    return new TrafficStamp(upgradeId, stepIndex);
  }

  /** The stamp of a {@code RollBackTraffic}. */
  public static TrafficStamp rollback(String upgradeId) {
    return new TrafficStamp(upgradeId, ROLLBACK);
  }

  /** Whether this stamp is a rollback's. */
  public boolean rollback() {
    return stepIndex == ROLLBACK;
  }

  /** The tag's value: {@code <upgradeId>/step/<n>} or {@code <upgradeId>/rollback}. */
  public String value() {
    return rollback() ? upgradeId + ROLLED_BACK : upgradeId + STEP + stepIndex;
  }

  /** A tag value read back; empty when absent or not written by us (it is then ignored). */
  public static Optional<TrafficStamp> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.endsWith(ROLLED_BACK) && value.length() > ROLLED_BACK.length()) {
      return Optional.of(rollback(value.substring(0, value.length() - ROLLED_BACK.length())));
    }
    int at = value.lastIndexOf(STEP);
    if (at <= 0) {
      return Optional.empty();
    }
    try {
      int step = Integer.parseInt(value.substring(at + STEP.length()));
      return step < 0 ? Optional.empty() : Optional.of(step(value.substring(0, at), step));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether a command stamped {@code command} comes from before this stamp's command, so that
   * carrying it out would undo a later decision: the same upgrade, and either a rollback is
   * recorded (after which no step moves traffic again) or a later step is.
   */
  public boolean supersedes(TrafficStamp command) {
    if (!upgradeId.equals(command.upgradeId) || command.rollback()) {
      return false;
    }
    return rollback() || stepIndex > command.stepIndex;
  }

  @Override
  public String toString() {
    return value();
  }
}
