package dev.bluegreen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Follows one upgrade or campaign by polling the API until it ends: a redrawn screen on a terminal,
 * one line per change otherwise. The API being briefly away (a restart, 503 while Kafka Streams
 * rebalances) is waited out for {@link #UNREACHABLE_GRACE}; an unknown id ends the watch at once.
 * What is watched (how it is read, shown and ended) is a subclass's: {@link UpgradeWatcher}, {@link
 * CampaignWatcher}.
 */
abstract class Watcher {

  /** How long the API may be unreachable (or answer 503) before the watch gives up. */
  static final Duration UNREACHABLE_GRACE = Duration.ofSeconds(60);

  static final String CURSOR_HOME = "\033[H";
  static final String CLEAR_LINE_END = "\033[K";
  static final String CLEAR_SCREEN_BELOW = "\033[J";
  static final String CLEAR_SCREEN = "\033[2J";

  /**
   * What a watch follows, as the API and the renderings show it.
   *
   * @param noun as messages name it: {@code upgrade}, {@code campaign}
   * @param collection its API collection: {@code upgrades}, {@code campaigns}
   * @param stateField the view's field that holds its state
   * @param changeKey what changes when a line is worth printing
   * @param changeLine the line printed for a change (without the line break)
   * @param isOutcome whether a state is an end
   * @param exitCode the exit code of an end
   */
  record Watched(
      String noun,
      String collection,
      String stateField,
      Function<JsonNode, String> changeKey,
      ChangeLine changeLine,
      Predicate<String> isOutcome,
      ToIntFunction<String> exitCode) {}

  /** The line a watch prints for a change. */
  interface ChangeLine {
    String of(JsonNode view, Instant now, ZoneId zone);
  }

  /** One look at what is watched: its view and, when redrawing, what else the screen shows. */
  record Look(JsonNode view, JsonNode extra) {}

  /**
   * What the watch does after a look at something that has not ended: wait an interval, look again
   * at once, or stop with an exit code.
   */
  record Next(boolean lookAgainNow, Integer exitCode) {
    static final Next WAIT = new Next(false, null);
    static final Next LOOK_AGAIN_NOW = new Next(true, null);

    static Next exit(int code) {
      return new Next(false, code);
    }
  }

  final BluegreenCli root;
  final WatchOptions options;
  final boolean redraw;
  private final Watched watched;
  private final String noun;

  Watcher(BluegreenCli root, WatchOptions options, Watched watched) {
    this.root = root;
    this.options = options;
    this.watched = watched;
    this.noun = watched.noun();
    this.redraw = root.environment().terminal() && !root.json() && !options.lines;
  }

  /** Reads it once; the view alone unless a subclass's screen shows more. */
  Look look(String path) {
    return new Look(root.api().getJson(path), null);
  }

  /** The screen redrawn on a terminal, without its footer. */
  abstract String screen(Look look);

  /** The last line printed when it ends (without the line break). */
  abstract String endedLine(String id, String outcome, JsonNode view);

  /** What the watch does after a look at something that has not ended; waits by default. */
  Next next(String id, JsonNode view, String state) {
    return Next.WAIT;
  }

  /** What the first progress line adds after the interval, e.g. {@code , approving its gates}. */
  String startNote() {
    return "";
  }

  /** Watches until it ends; the exit code of its outcome, or another as documented. */
  final int watch(String id) {
    Instant deadline = options.timeout == null ? null : Instant.now().plus(options.timeout);
    Instant lastContact = Instant.now();
    boolean away = false;
    String lastShown = null;
    String path = ApiClient.path(List.of(watched.collection(), id), Map.of());
    root.progress(
        "watching "
            + noun
            + " "
            + id
            + " every "
            + human(options.interval)
            + startNote()
            + "; Ctrl-C stops watching, not the "
            + noun);
    if (redraw) {
      root.print(CLEAR_SCREEN);
    }
    while (true) {
      Look look;
      try {
        look = look(path);
        lastContact = Instant.now();
        away = false;
      } catch (CliFailure.ApiUnreachable | CliFailure.ApiRefused e) {
        if (e instanceof CliFailure.ApiRefused r && r.status() != 503) {
          throw e; // 404: nothing of that id; nothing to wait for
        }
        if (Duration.between(lastContact, Instant.now()).compareTo(UNREACHABLE_GRACE) > 0) {
          root.progress(
              "gave up watching "
                  + id
                  + ": "
                  + e.getMessage()
                  + " for over "
                  + human(UNREACHABLE_GRACE)
                  + "; the "
                  + noun
                  + " goes on without this watch");
          return ExitCodes.GAVE_UP;
        }
        if (!away) {
          root.progress(e.getMessage() + "; trying again for " + human(UNREACHABLE_GRACE));
          away = true;
        }
        if (!sleep(options.interval)) {
          return ExitCodes.GAVE_UP;
        }
        continue;
      }
      JsonNode view = look.view();
      String state = Json.text(view, watched.stateField(), "");
      String key = watched.changeKey().apply(view);
      if (redraw) {
        draw(look);
      } else if (!key.equals(lastShown)) {
        show(view);
      }
      lastShown = key;
      if (watched.isOutcome().test(state)) {
        if (!root.json()) {
          root.print(endedLine(id, state, view) + "\n");
        }
        return watched.exitCode().applyAsInt(state);
      }
      Next next = next(id, view, state);
      if (next.exitCode() != null) {
        return next.exitCode();
      }
      if (next.lookAgainNow()) {
        continue;
      }
      if (deadline != null && Instant.now().isAfter(deadline)) {
        root.progress(
            "gave up watching "
                + id
                + " after "
                + human(options.timeout)
                + ": it is still "
                + state
                + "; the "
                + noun
                + " goes on without this watch");
        return ExitCodes.GAVE_UP;
      }
      if (!sleep(options.interval)) {
        return ExitCodes.GAVE_UP;
      }
    }
  }

  private void show(JsonNode view) {
    if (root.json()) {
      root.printJson(Json.write(view));
    } else {
      root.print(watched.changeLine().of(view, Instant.now(), root.environment().zone()) + "\n");
    }
  }

  /** Redraws the screen in place: cursor home, each line cleared to its end, the rest cleared. */
  private void draw(Look look) {
    String screen =
        screen(look)
            + "\n(every "
            + human(options.interval)
            + "; Ctrl-C stops watching, not the "
            + noun
            + ")\n";
    StringBuilder out = new StringBuilder(CURSOR_HOME);
    for (String line : screen.split("\n", -1)) {
      out.append(line).append(CLEAR_LINE_END).append('\n');
    }
    out.setLength(out.length() - 1);
    out.append(CLEAR_SCREEN_BELOW);
    root.print(out.toString());
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
