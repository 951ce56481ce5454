package dev.bluegreen.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bluegreen campaign ...}: fleet campaigns through {@code /campaigns}. Plan first (every
 * member's real pre-flight, nothing changed), start the plan, follow it wave by wave, control it.
 */
@Command(
    name = "campaign",
    mixinStandardHelpOptions = true,
    versionProvider = BluegreenCli.Version.class,
    description = {
      "Fleet campaigns: many clusters upgraded in waves (/campaigns).",
      "A campaign file is the body of POST /campaigns: targetVersion (a version or \"next\"),"
          + " selector, waves, maxConcurrency, failureBudget, plan, deadline..."
    },
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      CampaignCommands.Plan.class,
      CampaignCommands.Create.class,
      CampaignCommands.Get.class,
      CampaignCommands.ListCampaigns.class,
      CampaignCommands.Watch.class,
      CampaignCommands.Start.class,
      CampaignCommands.Pause.class,
      CampaignCommands.Resume.class,
      CampaignCommands.Cancel.class,
      CampaignCommands.Approve.class,
      CampaignCommands.Rollback.class,
      CampaignCommands.Skip.class,
      CampaignCommands.Retry.class,
      CampaignCommands.TimelineOf.class,
      CampaignCommands.Events.class,
      CampaignCommands.Drift.class
    })
public final class CampaignCommands extends CommandGroup {

  /** What every campaign command shares: the root and the API. */
  abstract static class CampaignCommand implements Callable<Integer> {
    @ParentCommand CampaignCommands campaign;

    BluegreenCli root() {
      return campaign.root;
    }

    static String path(String... segments) {
      return ApiClient.path(List.of(segments), Map.of());
    }
  }

  // ------------------------------------------------------------------------ plan and create

  /** Reads a campaign file, or stdin for {@code -}: a JSON object. */
  static ObjectNode readCampaign(String file) {
    String text;
    try {
      text =
          "-".equals(file)
              ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
              : Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.USAGE, "cannot read the campaign " + file + ": " + e);
    }
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new CliFailure(
          ExitCodes.USAGE, "the campaign " + file + " is not JSON: " + e.getOriginalMessage());
    }
    if (body == null || !body.isObject()) {
      throw new CliFailure(ExitCodes.USAGE, "the campaign " + file + " must be a JSON object");
    }
    return (ObjectNode) body;
  }

  @Command(
      name = "plan",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description = {
        "Plan a campaign (POST /campaigns?dryRun=true): every member's pre-flight runs for real,"
            + " nothing is changed. Waits until the plan is ready (PLANNED), then prints its waves,"
            + " each member's pre-flight result, what was left out, and the estimate against the"
            + " deadline. Start it with: bluegreen campaign start ID --reason ...",
      })
  public static final class Plan extends CampaignCommand {
    @Parameters(paramLabel = "FILE", description = "the campaign (JSON), or - for stdin")
    String file;

    @Option(
        names = "--timeout",
        paramLabel = "DURATION",
        defaultValue = "PT10M",
        description =
            "give up (exit 3) if the plan is not ready by then (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(
        names = "--interval",
        paramLabel = "DURATION",
        defaultValue = "PT1S",
        description = "how often to ask the API while planning (default: ${DEFAULT-VALUE})")
    Duration interval;

    @Override
    public Integer call() {
      ObjectNode body = readCampaign(file);
      BluegreenCli root = root();
      root.progress("planning the campaign: resolving its members...");
      JsonNode created =
          Json.parse(
              ApiClient.expectOk(
                      root.api()
                          .post(
                              ApiClient.path(List.of("campaigns"), Map.of("dryRun", "true")),
                              Json.write(body)))
                  .body());
      String id = Json.text(created.path("campaign"), "campaignId");
      JsonNode planned = awaitPlan(root, id, created.path("campaign"));
      if (planned == null) {
        root.progress(
            "gave up waiting for plan "
                + id
                + " after "
                + Watcher.human(timeout)
                + "; see bluegreen campaign get "
                + id);
        return ExitCodes.GAVE_UP;
      }
      if (root.json()) {
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.set("campaign", planned);
        answer.set("excluded", created.path("excluded"));
        root.printJson(Json.write(answer));
      } else {
        root.print(
            CampaignRendering.plan(planned, created.path("excluded"), root.environment().zone()));
      }
      return ExitCodes.OK;
    }

    /** Polls until the plan leaves PLANNING; null when {@link #timeout} passes first. */
    private JsonNode awaitPlan(BluegreenCli root, String id, JsonNode first) {
      Instant deadline = Instant.now().plus(timeout);
      JsonNode view = first;
      String shown = null;
      while ("PLANNING".equals(Json.text(view, "status"))) {
        String progress = planProgress(view);
        if (!progress.equals(shown)) {
          root.progress("planning " + id + ": " + progress);
          shown = progress;
        }
        if (Instant.now().isAfter(deadline) || !Watcher.sleep(interval)) {
          return null;
        }
        view = root.api().getJson(path("campaigns", id));
      }
      return view;
    }

    /** {@code 3 of 12 pre-flights done}. */
    static String planProgress(JsonNode view) {
      int done = 0;
      int all = 0;
      for (JsonNode w : view.path("waves")) {
        for (JsonNode m : w.path("members")) {
          all++;
          if (m.path("planPassed").isBoolean() || "SKIPPED".equals(Json.text(m, "status"))) {
            done++;
          }
        }
      }
      return done + " of " + all + " pre-flights done";
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description =
          "Start a campaign now (POST /campaigns), without a plan first; prints its board.")
  public static final class Create extends CampaignCommand {
    @Parameters(paramLabel = "FILE", description = "the campaign (JSON), or - for stdin")
    String file;

    @Override
    public Integer call() {
      BluegreenCli root = root();
      return root.decide(
          "requesting the campaign",
          "the state machine",
          path("campaigns"),
          readCampaign(file),
          created -> board(created, root.environment().zone()));
    }

    /** The new campaign's board, what was left out and how to follow it. */
    private static String board(JsonNode created, ZoneId zone) {
      JsonNode c = created.path("campaign");
      StringBuilder out = new StringBuilder(CampaignRendering.board(c, zone));
      for (JsonNode e : created.path("excluded")) {
        out.append("excluded  ")
            .append(Json.text(e, "cluster"))
            .append(": ")
            .append(Json.text(e, "reason"))
            .append('\n');
      }
      out.append("follow it: bluegreen campaign watch ")
          .append(Json.text(c, "campaignId"))
          .append('\n');
      return out.toString();
    }
  }

  // ------------------------------------------------------------------------------ reading

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description =
          "One campaign: status, counts, budget, pause reason, gate, estimate, and every wave with"
              + " its members (GET /campaigns/{id}).")
  public static final class Get extends CampaignCommand {
    @Parameters(paramLabel = "ID", description = "the campaign")
    String id;

    @Override
    public Integer call() {
      BluegreenCli root = root();
      return root.show(
          path("campaigns", id), c -> CampaignRendering.board(c, root.environment().zone()));
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description = "Campaigns, newest first (GET /campaigns).")
  public static final class ListCampaigns extends CampaignCommand {
    @Option(names = "--status", paramLabel = "S", description = "only those in this status")
    String status;

    @Override
    public Integer call() {
      BluegreenCli root = root();
      return root.show(
          ApiClient.path(List.of("campaigns"), Map.of("status", nz(status))),
          list -> CampaignRendering.list(list, root.environment().zone()));
    }

    private static String nz(String s) {
      return s == null ? "" : s;
    }
  }

  @Command(
      name = "watch",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description = {
        "Follow a campaign until it ends, polling the API: in a terminal a live board (waves and"
            + " their members, counts, budget, pause reason, gate); otherwise one line per change"
            + " (-o json: one JSON document per change).",
        "Exits with the outcome: 0 COMPLETED, 11 ROLLED_BACK, 12 CANCELLED; 13 with"
            + " --exit-on-pause when it pauses; 3 when the API stays unreachable or --timeout"
            + " passes. Ctrl-C stops watching, not the campaign."
      })
  public static final class Watch extends CampaignCommand {
    @Parameters(paramLabel = "ID", description = "the campaign")
    String id;

    @Mixin WatchOptions options;

    @Option(
        names = "--exit-on-pause",
        description = "stop watching (exit 13) when the campaign pauses (stop the line)")
    boolean exitOnPause;

    @Override
    public Integer call() {
      return new CampaignWatcher(root(), options, exitOnPause).watch(id);
    }
  }

  @Command(
      name = "timeline",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description =
          "The campaign's history for people: one line per decision (GET"
              + " /campaigns/{id}/timeline); -o does not apply.")
  public static final class TimelineOf extends CampaignCommand {
    @Parameters(paramLabel = "ID", description = "the campaign")
    String id;

    @Override
    public Integer call() {
      return root().showText(path("campaigns", id, "timeline"));
    }
  }

  @Command(
      name = "events",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description =
          "The campaign's audit trail: every decision with cause, actor and reason"
              + " (GET /campaigns/{id}/events).")
  public static final class Events extends CampaignCommand {
    @Parameters(paramLabel = "ID", description = "the campaign")
    String id;

    @Override
    public Integer call() {
      BluegreenCli root = root();
      return root.show(
          path("campaigns", id, "events"),
          BluegreenCli.eachLine(
              e -> CampaignRendering.eventLine(e, root.environment().zone()), "no events\n"));
    }
  }

  @Command(
      name = "drift",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description =
          "Clusters that appeared in or vanished from the fleet since the campaign's snapshot:"
              + " reported, never added or dropped (GET /campaigns/{id}/drift).")
  public static final class Drift extends CampaignCommand {
    @Parameters(paramLabel = "ID", description = "the campaign")
    String id;

    @Override
    public Integer call() {
      return root().show(path("campaigns", id, "drift"), CampaignRendering::drift);
    }
  }

  // ----------------------------------------------------------------------------- controls

  /** {@code POST /campaigns/{id}/{action}} with {@code {reason, wave?}}; the name is the action. */
  @Command(mixinStandardHelpOptions = true, versionProvider = BluegreenCli.Version.class)
  abstract static class Control extends CampaignCommand {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "the campaign")
    String id;

    @Mixin Reason reason;

    String wave() {
      return null;
    }

    @Override
    public Integer call() {
      ObjectNode body = Json.MAPPER.createObjectNode().put("reason", reason.text);
      if (wave() != null) {
        body.put("wave", wave());
      }
      return act(root(), spec.name(), path("campaigns", id, spec.name()), body);
    }

    /** The campaigns' one control: POST, then the accepted answer. */
    static int act(BluegreenCli root, String action, String path, ObjectNode body) {
      return root.decide(
          action,
          "the campaign",
          path,
          body,
          accepted -> CampaignRendering.accepted(action, accepted));
    }
  }

  @Command(name = "start", description = "Start a PLANNED campaign: the plan is approved.")
  public static final class Start extends Control {}

  @Command(
      name = "pause",
      description = "Start no new member until resumed; members in flight go on.")
  public static final class Pause extends Control {}

  @Command(
      name = "resume",
      description =
          "Continue after a pause; failures so far are accepted (they no longer count against"
              + " the budget).")
  public static final class Resume extends Control {}

  @Command(
      name = "cancel",
      description =
          "Start nothing new; members in flight finish or roll back as their own state allows.")
  public static final class Cancel extends Control {}

  @Command(
      name = "approve",
      description = "Pass the gate the current wave waits at (AWAITING_APPROVAL).")
  public static final class Approve extends Control {}

  @Command(
      name = "rollback",
      description =
          "Send members that still keep their blue back to it: one wave (--wave, then the campaign"
              + " pauses) or the whole campaign (it ends ROLLED_BACK).")
  public static final class Rollback extends Control {
    @Option(names = "--wave", paramLabel = "W", description = "only this wave (its name)")
    String wave;

    @Override
    String wave() {
      return wave;
    }
  }

  /** {@code POST /campaigns/{id}/members/{member}/{action}}. */
  @Command(mixinStandardHelpOptions = true, versionProvider = BluegreenCli.Version.class)
  abstract static class MemberControl extends CampaignCommand {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "the campaign")
    String id;

    @Parameters(index = "1", paramLabel = "MEMBER", description = "the member (logical cluster)")
    String member;

    @Mixin Reason reason;

    @Override
    public Integer call() {
      return Control.act(
          root(),
          spec.name() + " " + member,
          path("campaigns", id, "members", member, spec.name()),
          Json.MAPPER.createObjectNode().put("reason", reason.text));
    }
  }

  @Command(
      name = "skip",
      description = "Leave out a member that has not started (e.g. one whose pre-flight fails).")
  public static final class Skip extends MemberControl {}

  @Command(
      name = "retry",
      description = "Retry a FAILED member with its pinned plan, once the cause is fixed.")
  public static final class Retry extends MemberControl {}
}
