package dev.bluegreen.decommissioner.core;

import java.util.Map;
import java.util.Optional;

/**
 * The decommission approval gate, checked again here: when this deployment requires approval, a
 * command without an approver is refused (the orchestrator should never send one).
 */
public final class Approval {

  /** Error code of a command that needed an approver and has none. */
  public static final String CODE = "APPROVAL_MISSING";

  private Approval() {}

  /** The refusal, or empty when the command may go ahead. */
  public static Optional<Failure> check(String approvedBy, boolean required) {
    if (!required || (approvedBy != null && !approvedBy.isBlank())) {
      return Optional.empty();
    }
    return Optional.of(
        new Failure(
            "deleting blue requires an approval and the command names no approver",
            CODE,
            false,
            Map.of("approvalRequired", true)));
  }
}
