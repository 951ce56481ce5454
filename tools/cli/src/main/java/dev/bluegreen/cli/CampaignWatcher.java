package dev.bluegreen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Follows one campaign by polling {@code GET /campaigns/{id}} until it ends, as {@link Watcher}
 * follows an upgrade: the same grace for an API that is briefly away, the same exit codes for the
 * outcomes, a redrawn board on a terminal and one line per change otherwise.
 */
final class CampaignWatcher {

  private final BluegreenCli root;
  private final Duration interval;
  private final Duration timeout;
  private final boolean exitOnPause;
  private final boolean redraw;

  CampaignWatcher(
      BluegreenCli root, Duration interval, Duration timeout, boolean lines, boolean exitOnPause) {
    this.root = root;
    this.interval = interval;
    this.timeout = timeout;
    this.exitOnPause = exitOnPause;
    this.redraw = root.environment().terminal() && !root.json() && !lines;
  }

  /** Watches until the campaign ends; the exit code of its outcome, or another as documented. */
  int watch(String id) {
    Instant deadline = timeout == null ? null : Instant.now().plus(timeout);
    Instant lastContact = Instant.now();
    boolean away = false;
    String lastShown = null;
    String path = ApiClient.path(List.of("campaigns", id), Map.of());
    root.progress(
        "watching campaign "
            + id
            + " every "
            + Watcher.human(interval)
            + "; Ctrl-C stops watching, not the campaign");
    if (redraw) {
      root.print(Watcher.CLEAR_SCREEN);
    }
    while (true) {
      JsonNode view;
      try {
        view = root.api().getJson(path);
        lastContact = Instant.now();
        away = false;
      } catch (CliFailure.ApiUnreachable | CliFailure.ApiRefused e) {
        if (e instanceof CliFailure.ApiRefused r && r.status() != 503) {
          throw e; // 404: no such campaign; nothing to wait for
        }
        if (Duration.between(lastContact, Instant.now()).compareTo(Watcher.UNREACHABLE_GRACE) > 0) {
          root.progress(
              "gave up watching "
                  + id
                  + ": "
                  + e.getMessage()
                  + " for over "
                  + Watcher.human(Watcher.UNREACHABLE_GRACE)
                  + "; the campaign goes on without this watch");
          return ExitCodes.GAVE_UP;
        }
        if (!away) {
          root.progress(
              e.getMessage() + "; trying again for " + Watcher.human(Watcher.UNREACHABLE_GRACE));
          away = true;
        }
        if (!Watcher.sleep(interval)) {
          return ExitCodes.GAVE_UP;
        }
        continue;
      }
      String status = Json.text(view, "status", "");
      String key = CampaignRendering.changeKey(view);
      if (redraw) {
        draw(view);
      } else if (!key.equals(lastShown)) {
        if (root.json()) {
          root.printJson(Json.write(view));
        } else {
          root.print(
              CampaignRendering.changeLine(view, Instant.now(), root.environment().zone()) + "\n");
        }
      }
      lastShown = key;
      if (CampaignRendering.isOutcome(status)) {
        if (!root.json()) {
          root.print(
              "campaign "
                  + id
                  + " ended "
                  + status
                  + " ("
                  + CampaignRendering.counts(view)
                  + "); its story: bluegreen campaign timeline "
                  + id
                  + "\n");
        }
        return CampaignRendering.exitCodeOf(status);
      }
      if (exitOnPause && "PAUSED".equals(status)) {
        root.progress(
            "campaign "
                + id
                + " paused: "
                + Json.text(view, "pauseReason", "by a person")
                + "; resume it with bluegreen campaign resume "
                + id
                + " --reason ...");
        return ExitCodes.CAMPAIGN_PAUSED;
      }
      if (deadline != null && Instant.now().isAfter(deadline)) {
        root.progress(
            "gave up watching "
                + id
                + " after "
                + Watcher.human(timeout)
                + ": it is still "
                + status
                + "; the campaign goes on without this watch");
        return ExitCodes.GAVE_UP;
      }
      if (!Watcher.sleep(interval)) {
        return ExitCodes.GAVE_UP;
      }
    }
  }

  /** Redraws the board in place: cursor home, each line cleared to its end, the rest cleared. */
  private void draw(JsonNode view) {
    String screen =
        CampaignRendering.board(view, root.environment().zone())
            + "\n(every "
            + Watcher.human(interval)
            + "; Ctrl-C stops watching, not the campaign)\n";
    StringBuilder out = new StringBuilder(Watcher.CURSOR_HOME);
    for (String line : screen.split("\n", -1)) {
      out.append(line).append(Watcher.CLEAR_LINE_END).append('\n');
    }
    out.setLength(out.length() - 1);
    out.append(Watcher.CLEAR_SCREEN_BELOW);
    root.print(out.toString());
  }
}
