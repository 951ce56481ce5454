package dev.bluegreen.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Follows one campaign ({@code GET /campaigns/{id}}) until it ends, or until it pauses when asked
 * to stop there; on a terminal the screen is the campaign's board.
 */
final class CampaignWatcher extends Watcher {

  private final boolean exitOnPause;

  CampaignWatcher(BluegreenCli root, WatchOptions options, boolean exitOnPause) {
    super(
        root,
        options,
        new Watched(
            "campaign",
            "campaigns",
            "status",
            CampaignRendering::changeKey,
            CampaignRendering::changeLine,
            CampaignRendering::isOutcome,
            CampaignRendering::exitCodeOf));
    this.exitOnPause = exitOnPause;
  }

  @Override
  String screen(Look look) {
    return CampaignRendering.board(look.view(), root.environment().zone());
  }

  @Override
  String endedLine(String id, String outcome, JsonNode view) {
    return "campaign "
        + id
        + " ended "
        + outcome
        + " ("
        + CampaignRendering.counts(view)
        + "); its story: bluegreen campaign timeline "
        + id;
  }

  /** With {@code --exit-on-pause}, a paused campaign ends the watch (exit 13). */
  @Override
  Next next(String id, JsonNode view, String status) {
    if (exitOnPause && "PAUSED".equals(status)) {
      root.progress(
          "campaign "
              + id
              + " paused: "
              + Json.text(view, "pauseReason", "by a person")
              + "; resume it with bluegreen campaign resume "
              + id
              + " --reason ...");
      return Next.exit(ExitCodes.CAMPAIGN_PAUSED);
    }
    return Next.WAIT;
  }
}
