package dev.bluegreen.trafficshifter.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The traffic shifter's guards and weight plans: given what was observed, what to write to the
 * listener rule, or why not. Pure: no I/O, no clock.
 *
 * <p>The rules: weights are absolute (green = N, blue = 100 - N), never added to what is there; no
 * traffic goes to a target group without healthy targets, unless it is a rollback to blue; a rule
 * that already splits traffic as asked is not modified again; a command that a later command of its
 * upgrade already superseded on the rule ({@link TrafficStamp}) is not carried out at all.
 */
public final class TrafficDecisions {

  /** Error code: the requested weight is outside 0..100. */
  public static final String INVALID_WEIGHT = "InvalidWeight";

  /** Error code: green's target group does not exist but would get traffic. */
  public static final String GREEN_TARGET_GROUP_MISSING = "GreenTargetGroupNotFound";

  /** Error code: a target group that would get traffic has no healthy target. */
  public static final String NO_HEALTHY_TARGETS = "NoHealthyTargets";

  /** Error code: the rule sends traffic to a target group that is neither blue's nor green's. */
  public static final String FOREIGN_TARGET_GROUP = "UnexpectedTargetGroupInRule";

  private TrafficDecisions() {}

  /**
   * A {@code SetTrafficWeight} step: green at {@code greenPercent}, blue at the rest; {@code
   * command} is its stamp (upgrade and step).
   */
  public static ShiftDecision setWeight(
      int greenPercent, TrafficStamp command, TrafficSituation s) {
    Optional<ShiftDecision> superseded = superseded(command, s);
    if (superseded.isPresent()) {
      return superseded.get();
    }
    if (greenPercent < 0 || greenPercent > 100) {
      return new ShiftDecision.Refuse(
          new Weights(100 - greenPercent, greenPercent),
          INVALID_WEIGHT,
          "green weight must be 0..100, was " + greenPercent,
          false,
          Map.of("greenWeight", greenPercent));
    }
    Weights target = Weights.greenAt(greenPercent);
    Map<String, Object> evidence = evidence(s);
    if (target.green() > 0 && !s.greenExists()) {
      return new ShiftDecision.Refuse(
          target,
          GREEN_TARGET_GROUP_MISSING,
          "green's target group does not exist; refusing to send it " + target.green() + "%",
          false,
          evidence);
    }
    if (target.green() > 0 && (s.greenHealth() == null || !s.greenHealth().canTakeTraffic())) {
      return new ShiftDecision.Refuse(
          target,
          NO_HEALTHY_TARGETS,
          "green's target group has no healthy targets ("
              + s.greenHealth()
              + "); refusing to send it "
              + target.green()
              + "%",
          true,
          evidence);
    }
    if (target.blue() > 0 && s.blueHealth() != null && !s.blueHealth().canTakeTraffic()) {
      return new ShiftDecision.Refuse(
          target,
          NO_HEALTHY_TARGETS,
          "blue's target group has no healthy targets ("
              + s.blueHealth()
              + "); refusing to send it "
              + target.blue()
              + "% (only a rollback may)",
          true,
          evidence);
    }
    List<ForwardTarget> foreign =
        s.rule().othersWithTraffic(s.blueTargetGroupArn(), s.greenTargetGroupArn());
    if (!foreign.isEmpty()) {
      return new ShiftDecision.Refuse(
          target,
          FOREIGN_TARGET_GROUP,
          "the rule also sends traffic to " + foreign + "; it is not a blue/green rule to shift",
          false,
          evidence);
    }
    if (s.rule().splits(s.blueTargetGroupArn(), s.greenTargetGroupArn(), target)) {
      return new ShiftDecision.AlreadyInPlace(target);
    }
    List<ForwardTarget> forward = new ArrayList<>();
    forward.add(new ForwardTarget(s.blueTargetGroupArn(), target.blue()));
    if (s.greenExists()) {
      forward.add(new ForwardTarget(s.greenTargetGroupArn(), target.green()));
    }
    return new ShiftDecision.Modify(target, forward);
  }

  /**
   * A rollback: everything to blue, whatever the rule says now and whether or not green's target
   * group still exists. Never refused for health: blue is where traffic is safest to go back.
   */
  public static ShiftDecision rollBack(TrafficStamp command, TrafficSituation s) {
    Optional<ShiftDecision> superseded = superseded(command, s);
    if (superseded.isPresent()) {
      return superseded.get();
    }
    Weights target = Weights.ALL_BLUE;
    if (s.rule().splits(s.blueTargetGroupArn(), s.greenTargetGroupArn(), target)) {
      return new ShiftDecision.AlreadyInPlace(target);
    }
    List<ForwardTarget> forward = new ArrayList<>();
    forward.add(new ForwardTarget(s.blueTargetGroupArn(), 100));
    if (s.greenExists()) {
      // Keep green in the action at weight 0 so the next shift and the decommissioner see it.
      forward.add(new ForwardTarget(s.greenTargetGroupArn(), 0));
    }
    return new ShiftDecision.Modify(target, forward);
  }

  private static Optional<ShiftDecision> superseded(TrafficStamp command, TrafficSituation s) {
    if (s.stamp() == null || !s.stamp().supersedes(command)) {
      return Optional.empty();
    }
    return Optional.of(
        new ShiftDecision.Superseded(
            s.rule().observed(s.blueTargetGroupArn(), s.greenTargetGroupArn()),
            "the rule was last written by "
                + s.stamp()
                + ", later than "
                + command
                + "; not carried out again"));
  }

  /** Whether a read-back of the rule shows the target split. */
  public static boolean verified(TrafficSituation s, TrafficRule readBack, Weights target) {
    return readBack.splits(s.blueTargetGroupArn(), s.greenTargetGroupArn(), target);
  }

  private static Map<String, Object> evidence(TrafficSituation s) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("ruleArn", s.rule().ruleArn());
    e.put("blueTargetGroupArn", s.blueTargetGroupArn());
    e.put(
        "greenTargetGroupArn",
        s.greenTargetGroupArn() == null ? "absent" : s.greenTargetGroupArn());
    e.put(
        "currentWeights",
        s.rule().observed(s.blueTargetGroupArn(), s.greenTargetGroupArn()).toString());
    if (s.blueHealth() != null) {
      e.put("blueHealth", s.blueHealth().toString());
    }
    if (s.greenHealth() != null) {
      e.put("greenHealth", s.greenHealth().toString());
    }
    return e;
  }
}
