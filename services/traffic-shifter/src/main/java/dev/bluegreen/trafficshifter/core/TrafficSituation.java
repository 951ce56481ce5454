package dev.bluegreen.trafficshifter.core;

/**
 * Everything observed about one blue/green pair before a traffic command acts, read fresh from the
 * cloud for each command.
 *
 * @param blueTargetGroupArn blue's target group
 * @param greenTargetGroupArn green's target group; null when it does not exist (not yet, or gone)
 * @param rule the listener rule forwarding to blue's target group
 * @param blueHealth blue's target health; null when not read
 * @param greenHealth green's target health; null when not read or green's group is gone
 * @param stamp which traffic command last wrote the rule ({@link TrafficStamp}); null when none did
 *     or it was not read
 */
public record TrafficSituation(
    String blueTargetGroupArn,
    String greenTargetGroupArn,
    TrafficRule rule,
    TargetHealthSummary blueHealth,
    TargetHealthSummary greenHealth,
    TrafficStamp stamp) {

  /** A situation read without the rule's stamp (analysis, and tests of the other guards). */
  public TrafficSituation(
      String blueTargetGroupArn,
      String greenTargetGroupArn,
      TrafficRule rule,
      TargetHealthSummary blueHealth,
      TargetHealthSummary greenHealth) {
    this(blueTargetGroupArn, greenTargetGroupArn, rule, blueHealth, greenHealth, null);
  }

  /** Whether green's target group exists. */
  public boolean greenExists() {
    return greenTargetGroupArn != null;
  }
}
