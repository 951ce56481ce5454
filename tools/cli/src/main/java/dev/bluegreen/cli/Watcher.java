package dev.bluegreen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Follows one upgrade by polling {@code GET /upgrades/{id}} until it ends, approving its gates when
 * asked to. The API being briefly away (a restart, 503 while Kafka Streams rebalances) is waited
 * out for {@link #UNREACHABLE_GRACE}; an unknown upgrade ends the watch at once.
 */
final class Watcher {

  /** How long the API may be unreachable (or answer 503) before the watch gives up. */
  static final Duration UNREACHABLE_GRACE = Duration.ofSeconds(60);

  private static final int EVENTS_SHOWN = 5;
  static final String CURSOR_HOME = "\033[H";
  static final String CLEAR_LINE_END = "\033[K";
  static final String CLEAR_SCREEN_BELOW = "\033[J";
  static final String CLEAR_SCREEN = "\033[2J";

  private final BluegreenCli root;
  private final WatchCommand.WatchOptions options;
  private final boolean redraw;
  private final List<String> approvals = new ArrayList<>();

  Watcher(BluegreenCli root, WatchCommand.WatchOptions options) {
    this.root = root;
    this.options = options;
    this.redraw = root.environment().terminal() && !root.json() && !options.lines;
  }

  /** Watches until the upgrade ends; the exit code of its outcome, or {@link ExitCodes#GAVE_UP}. */
  int watch(String id) {
    Instant deadline = options.timeout == null ? null : Instant.now().plus(options.timeout);
    Instant lastContact = Instant.now();
    boolean away = false;
    String lastShown = null;
    String approvedAt = null;
    String upgradePath = ApiClient.path(List.of("upgrades", id), Map.of());
    root.progress(
        "watching upgrade "
            + id
            + " every "
            + human(options.interval)
            + (options.approveGates ? ", approving its gates" : "")
            + "; Ctrl-C stops watching, not the upgrade");
    if (redraw) {
      root.print(CLEAR_SCREEN);
    }
    while (true) {
      JsonNode view;
      JsonNode events = null;
      try {
        view = root.api().getJson(upgradePath);
        if (redraw) {
          events = root.api().getJson(upgradePath + "/events");
        }
        lastContact = Instant.now();
        away = false;
      } catch (CliFailure.ApiUnreachable | CliFailure.ApiRefused e) {
        if (e instanceof CliFailure.ApiRefused r && r.status() != 503) {
          throw e; // 404: no such upgrade; nothing to wait for
        }
        if (Duration.between(lastContact, Instant.now()).compareTo(UNREACHABLE_GRACE) > 0) {
          root.progress(
              "gave up watching "
                  + id
                  + ": "
                  + e.getMessage()
                  + " for over "
                  + human(UNREACHABLE_GRACE)
                  + "; the upgrade goes on without this watch");
          return ExitCodes.GAVE_UP;
        }
        if (!away) {
          root.progress(e.getMessage() + "; trying again for " + human(UNREACHABLE_GRACE));
          away = true;
        }
        if (!pause()) {
          return ExitCodes.GAVE_UP;
        }
        continue;
      }
      String state = Json.text(view, "state", "");
      String key = UpgradeRendering.changeKey(view);
      if (redraw) {
        draw(view, events);
      } else if (!key.equals(lastShown)) {
        show(view);
      }
      lastShown = key;
      if (ExitCodes.isOutcome(state)) {
        if (!root.json()) {
          root.print(
              "upgrade " + id + " ended " + state + "; its story: bluegreen timeline " + id + "\n");
        }
        return ExitCodes.ofOutcome(state);
      }
      String gateVisit = state + "@" + Json.text(view, "updatedAt", "");
      if (options.approveGates
          && UpgradeRendering.GATES.contains(state)
          && !gateVisit.equals(approvedAt)) {
        if (approve(id, state)) {
          approvedAt = gateVisit;
        }
        continue; // the decision is made: show where it went without waiting
      }
      if (deadline != null && Instant.now().isAfter(deadline)) {
        root.progress(
            "gave up watching "
                + id
                + " after "
                + human(options.timeout)
                + ": it is still "
                + state
                + "; the upgrade goes on without this watch");
        return ExitCodes.GAVE_UP;
      }
      if (!pause()) {
        return ExitCodes.GAVE_UP;
      }
    }
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
      ControlCommands.ControlCommand.act(root, id, "approve", options.approveReason);
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

  private void show(JsonNode view) {
    if (root.json()) {
      root.printJson(Json.write(view));
    } else {
      root.print(
          UpgradeRendering.changeLine(view, Instant.now(), root.environment().zone()) + "\n");
    }
  }

  /** Redraws the screen in place: cursor home, each line cleared to its end, the rest cleared. */
  private void draw(JsonNode view, JsonNode events) {
    StringBuilder screen = new StringBuilder();
    screen.append(UpgradeRendering.summary(view, events, EVENTS_SHOWN, root.environment().zone()));
    for (String approval : approvals) {
      screen.append(approval).append('\n');
    }
    screen
        .append("\n(every ")
        .append(human(options.interval))
        .append("; Ctrl-C stops watching, not the upgrade)\n");
    StringBuilder out = new StringBuilder(CURSOR_HOME);
    for (String line : screen.toString().split("\n", -1)) {
      out.append(line).append(CLEAR_LINE_END).append('\n');
    }
    out.setLength(out.length() - 1);
    out.append(CLEAR_SCREEN_BELOW);
    root.print(out.toString());
  }

  /** Waits one interval; false when interrupted. */
  private boolean pause() {
    return sleep(options.interval);
  }

  /** Waits {@code interval} between two looks at the API; false when interrupted (Ctrl-C). */
  static boolean sleep(Duration interval) {
    try {
      Thread.sleep(interval.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@code PT2S} → {@code 2s}, {@code PT1M30S} → {@code 1m30s}. */
  static String human(Duration d) {
    return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }
}
