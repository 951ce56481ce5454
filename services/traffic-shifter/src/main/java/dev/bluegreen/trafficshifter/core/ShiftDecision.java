package dev.bluegreen.trafficshifter.core;

import java.util.List;
import java.util.Map;

/** What to do about a requested split, decided from the observed situation alone. */
public sealed interface ShiftDecision {

  /** The weights the rule must end up with (and be verified to hold). */
  Weights target();

  /**
   * The rule already splits traffic as requested (e.g. a redelivered command): do not modify it
   * again, only verify it.
   */
  record AlreadyInPlace(Weights target) implements ShiftDecision {}

  /**
   * Replace the rule's forward action with these absolute weights, then verify.
   *
   * @param target the split the forward action means
   * @param forward the forward action to write
   */
  record Modify(Weights target, List<ForwardTarget> forward) implements ShiftDecision {
    public Modify {
      forward = List.copyOf(forward);
    }
  }

  /**
   * Do not touch the rule: the command would send traffic where it must not go.
   *
   * @param target the split that was asked for
   * @param errorCode machine-readable reason
   * @param reason human-readable reason
   * @param retryable whether the same command may succeed later (e.g. targets become healthy)
   * @param evidence what was observed
   */
  record Refuse(
      Weights target,
      String errorCode,
      String reason,
      boolean retryable,
      Map<String, Object> evidence)
      implements ShiftDecision {}

  /**
   * Do not touch the rule and publish nothing: a later command of the same upgrade already wrote it
   * (see {@link TrafficStamp}). This command is a redelivery whose answer was already given;
   * carrying it out would move traffic back.
   *
   * @param target the split the rule has now
   * @param reason which stamp supersedes the command
   */
  record Superseded(Weights target, String reason) implements ShiftDecision {}
}
