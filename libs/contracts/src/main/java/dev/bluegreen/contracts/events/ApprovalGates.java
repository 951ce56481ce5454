package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.OptionalField;

/**
 * Which approval gates apply; both apply unless switched off.
 *
 * @param beforeShift wait for approval before the first traffic shift (default true)
 * @param beforeDecommission wait for approval before blue is decommissioned (default true)
 */
public record ApprovalGates(
    @OptionalField Boolean beforeShift, @OptionalField Boolean beforeDecommission) {
  public ApprovalGates {
    beforeShift = beforeShift == null ? Boolean.TRUE : beforeShift;
    beforeDecommission = beforeDecommission == null ? Boolean.TRUE : beforeDecommission;
  }
}
