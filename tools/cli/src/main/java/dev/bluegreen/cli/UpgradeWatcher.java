package dev.bluegreen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows one upgrade ({@code GET /upgrades/{id}}) until it ends, approving its gates when asked
 * to; on a terminal the screen shows its last audit events and the approvals made.
 */
final class UpgradeWatcher extends Watcher {

  private static final int EVENTS_SHOWN = 5;

  private final WatchCommand.GateOptions gates;
  private final List<String> approvals = new ArrayList<>();
  private String approvedAt;

  UpgradeWatcher(BluegreenCli root, WatchOptions options, WatchCommand.GateOptions gates) {
    super(
        root,
        options,
        new Watched(
            "upgrade",
            "upgrades",
            "state",
            UpgradeRendering::changeKey,
            UpgradeRendering::changeLine,
            ExitCodes::isOutcome,
            ExitCodes::ofOutcome));
    this.gates = gates;
  }

  @Override
  Look look(String path) {
    JsonNode view = root.api().getJson(path);
    return new Look(view, redraw ? root.api().getJson(path + "/events") : null);
  }

  @Override
  String screen(Look look) {
    StringBuilder screen = new StringBuilder();
    screen.append(
        UpgradeRendering.summary(
            look.view(), look.extra(), EVENTS_SHOWN, root.environment().zone()));
    for (String approval : approvals) {
      screen.append(approval).append('\n');
    }
    return screen.toString();
  }

  @Override
  String endedLine(String id, String outcome, JsonNode view) {
    return "upgrade " + id + " ended " + outcome + "; its story: bluegreen timeline " + id;
  }

  @Override
  String startNote() {
    return gates.approveGates ? ", approving its gates" : "";
  }

  /** At a gate not yet approved on this visit, approves it and looks again at once. */
  @Override
  Next next(String id, JsonNode view, String state) {
    String gateVisit = state + "@" + Json.text(view, "updatedAt", "");
    if (gates.approveGates
        && UpgradeRendering.GATES.contains(state)
        && !gateVisit.equals(approvedAt)) {
      if (approve(id, state)) {
        approvedAt = gateVisit;
      }
      return Next.LOOK_AGAIN_NOW; // the decision is made: show where it went without waiting
    }
    return Next.WAIT;
  }

  /**
   * Approves the gate. True when that is settled: approved, or refused because the upgrade has
   * moved on (someone else approved first; shown, and the watch goes on). False when it should be
   * tried again: no decision in time (503) or the API away.
   */
  private boolean approve(String id, String state) {
    String note = "approving (" + state + ")";
    if (root.json()) {
      root.progress(note);
    } else if (!redraw) {
      root.print("          " + note + "\n");
    }
    try {
      ControlCommands.ControlCommand.act(root, id, "approve", gates.approveReason);
      approvals.add(note);
      return true;
    } catch (CliFailure.ApiRefused e) {
      root.progress("bluegreen: approve: " + e.getMessage());
      if (e.status() == 503) {
        return false;
      }
      approvals.add(note + " refused: " + e.getMessage());
      return true;
    } catch (CliFailure.ApiUnreachable e) {
      root.progress("bluegreen: approve: " + e.getMessage());
      return false;
    }
  }
}
