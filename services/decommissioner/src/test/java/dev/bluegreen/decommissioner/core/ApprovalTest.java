package dev.bluegreen.decommissioner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApprovalTest {

  @Test
  void approvalRequired_andNoApprover_isRefused() {
    assertEquals(Approval.CODE, Approval.check(null, true).orElseThrow().errorCode());
    assertEquals(Approval.CODE, Approval.check(" ", true).orElseThrow().errorCode());
  }

  @Test
  void approver_orNoGate_goesAhead() {
    assertTrue(Approval.check("sre@example.com", true).isEmpty());
    assertTrue(Approval.check(null, false).isEmpty());
  }
}
