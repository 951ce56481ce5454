package dev.bluegreen.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Requesting and reading upgrades: upgrade, get, list, timeline, events. */
final class UpgradeCommands {

  private UpgradeCommands() {}

  /** {@code POST /upgrades}, then optionally a watch. */
  @Command(
      name = "upgrade",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description = {
        "Request a blue/green upgrade of one cluster (POST /upgrades).",
        "A plan file is a JSON object with any of steps, retention, approvalGates, bakeTime and"
            + " phaseTimeouts (see tools/cli/plans/demo.json); the options win over it."
      })
  public static final class Upgrade implements Callable<Integer> {
    @ParentCommand BluegreenCli root;

    @Parameters(index = "0", paramLabel = "CLUSTER", description = "logical or serving cluster")
    String cluster;

    @Parameters(index = "1", paramLabel = "VERSION", description = "target version, e.g. 1.33")
    String version;

    @Option(
        names = "--plan",
        paramLabel = "FILE",
        description = "JSON plan merged into the request")
    Path plan;

    @Option(names = "--dry-run", description = "only show what the upgrade would do")
    boolean dryRun;

    @Option(
        names = "--retention",
        paramLabel = "DURATION",
        description = "how long blue is kept after green carries 100%%, e.g. PT30M")
    Duration retention;

    @Option(names = "--watch", description = "watch the upgrade until it ends (see watch)")
    boolean watch;

    @Mixin WatchOptions watchOptions;

    @Mixin WatchCommand.GateOptions gateOptions;

    @Override
    public Integer call() {
      ObjectNode body = plan == null ? Json.MAPPER.createObjectNode() : readPlan(plan);
      body.put("cluster", cluster);
      body.put("targetVersion", version);
      if (retention != null) {
        body.put("retention", retention.toString());
      }
      if (dryRun) {
        body.put("dryRun", true);
      }
      root.progress(
          "requesting the upgrade of "
              + cluster
              + " to "
              + version
              + (dryRun ? " (dry run)" : "")
              + ": waiting for the state machine's decision...");
      ApiClient.Answer answer =
          ApiClient.expectOk(
              root.api().post(ApiClient.path(List.of("upgrades"), Map.of()), Json.write(body)));
      JsonNode accepted = Json.parse(answer.body());
      if (root.json()) {
        root.printJson(answer.body());
      } else if (answer.status() == 200) {
        root.print(UpgradeRendering.dryRun(accepted));
      } else {
        root.print(UpgradeRendering.acceptedUpgrade(accepted, version));
      }
      if (watch && answer.status() == 202) {
        return new UpgradeWatcher(root, watchOptions, gateOptions).watch(Json.text(accepted, "id"));
      }
      return ExitCodes.OK;
    }

    static ObjectNode readPlan(Path file) {
      JsonNode plan;
      try {
        plan = Json.MAPPER.readTree(Files.readString(file));
      } catch (JsonProcessingException e) {
        throw new CliFailure(
            ExitCodes.USAGE, "the plan " + file + " is not JSON: " + e.getOriginalMessage());
      } catch (IOException e) {
        throw new CliFailure(ExitCodes.USAGE, "cannot read the plan " + file + ": " + e);
      }
      if (plan == null || !plan.isObject()) {
        throw new CliFailure(ExitCodes.USAGE, "the plan " + file + " must be a JSON object");
      }
      return (ObjectNode) plan;
    }
  }

  /** {@code GET /upgrades/{id}}, with its last audit lines. */
  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description =
          "One upgrade: state, phase bar, traffic, progress, last error and last audit events"
              + " (GET /upgrades/{id}).")
  public static final class Get implements Callable<Integer> {
    @ParentCommand BluegreenCli root;

    @Parameters(paramLabel = "ID", description = "the upgrade")
    String id;

    @Override
    public Integer call() {
      ApiClient.Answer answer =
          ApiClient.expectOk(root.api().get(ApiClient.path(List.of("upgrades", id), Map.of())));
      if (root.json()) {
        root.printJson(answer.body());
        return ExitCodes.OK;
      }
      JsonNode events =
          root.api().getJson(ApiClient.path(List.of("upgrades", id, "events"), Map.of()));
      root.print(
          UpgradeRendering.summary(
              Json.parse(answer.body()), events, 5, root.environment().zone()));
      return ExitCodes.OK;
    }
  }

  /** {@code GET /upgrades}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description = "Upgrades, newest first (GET /upgrades).")
  public static final class ListUpgrades implements Callable<Integer> {
    @ParentCommand BluegreenCli root;

    @Option(names = "--cluster", paramLabel = "C", description = "only this logical cluster's")
    String cluster;

    @Option(names = "--state", paramLabel = "S", description = "only those in this state")
    String state;

    @Override
    public Integer call() {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("cluster", cluster);
      query.put("state", state);
      return root.show(
          ApiClient.path(List.of("upgrades"), query),
          list -> UpgradeRendering.list(list, root.environment().zone()));
    }
  }

  /** The formats of {@code GET /upgrades/{id}/timeline}. */
  enum TimelineFormat {
    md,
    text,
    html
  }

  /** {@code GET /upgrades/{id}/timeline}: text, not JSON, so {@code -o} does not apply. */
  @Command(
      name = "timeline",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description = {
        "The upgrade's timeline for people: time per state, every decision, every failure"
            + " (GET /upgrades/{id}/timeline).",
        "md is a postmortem document, html a page with a phase chart; -o does not apply."
      })
  public static final class TimelineOf implements Callable<Integer> {
    @ParentCommand BluegreenCli root;

    @Parameters(paramLabel = "ID", description = "the upgrade")
    String id;

    @Option(
        names = "--format",
        paramLabel = "md|text|html",
        defaultValue = "text",
        description = "default: ${DEFAULT-VALUE}")
    TimelineFormat format;

    @Override
    public Integer call() {
      return root.showText(
          ApiClient.path(List.of("upgrades", id, "timeline"), Map.of("format", format.name())));
    }
  }

  /** {@code GET /upgrades/{id}/events}. */
  @Command(
      name = "events",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description =
          "The upgrade's audit trail: every transition and rejection, in order"
              + " (GET /upgrades/{id}/events).")
  public static final class Events implements Callable<Integer> {
    @ParentCommand BluegreenCli root;

    @Parameters(paramLabel = "ID", description = "the upgrade")
    String id;

    @Override
    public Integer call() {
      return root.show(
          ApiClient.path(List.of("upgrades", id, "events"), Map.of()),
          BluegreenCli.eachLine(
              e -> UpgradeRendering.eventLine(e, root.environment().zone()), "no events\n"));
    }
  }
}
