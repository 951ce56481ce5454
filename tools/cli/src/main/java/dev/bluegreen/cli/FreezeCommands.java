package dev.bluegreen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code bluegreen freeze ...}: fleet-wide freezes through {@code /freezes}. While one is in effect
 * no upgrade starts its first traffic shift or the decommission of blue; running upgrades and
 * campaigns learn of a freeze, and of its lifting, at once.
 */
@Command(
    name = "freeze",
    mixinStandardHelpOptions = true,
    versionProvider = BluegreenCli.Version.class,
    description = {
      "Fleet-wide freezes (/freezes): no disruptive work starts while one is in effect.",
      "Declaring and lifting are for platform admins; everyone signed in may list them."
    },
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      FreezeCommands.ListFreezes.class,
      FreezeCommands.Get.class,
      FreezeCommands.Declare.class,
      FreezeCommands.Lift.class
    })
public final class FreezeCommands extends CommandGroup {

  private static final DateTimeFormatter DAY_AND_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  /** What every freeze command shares: the root. */
  abstract static class FreezeCommand implements Callable<Integer> {
    @ParentCommand FreezeCommands freeze;

    BluegreenCli root() {
      return freeze.root;
    }

    String path(String id) {
      return ApiClient.path(List.of("freezes", id), Map.of());
    }

    ZoneId zone() {
      return root().environment().zone();
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description =
          "Freezes scheduled or in effect; --all also the ended and lifted (GET /freezes).")
  public static final class ListFreezes extends FreezeCommand {
    @Option(names = "--all", description = "also the freezes that ended or were lifted")
    boolean all;

    @Override
    public Integer call() {
      return root()
          .show(
              ApiClient.path(List.of("freezes"), Map.of("all", all ? "true" : "")),
              list -> table(list, zone()));
    }
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description = "One freeze, however it stands (GET /freezes/{id}).")
  public static final class Get extends FreezeCommand {
    @Parameters(paramLabel = "ID", description = "the freeze")
    String id;

    @Override
    public Integer call() {
      return root().show(path(id), f -> one(f, zone()));
    }
  }

  @Command(
      name = "declare",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description = {
        "Declare a freeze, or change one (PUT /freezes/{id}). Work under way goes on; nothing",
        "disruptive starts from --from (default now) until --to, or for --for."
      })
  public static final class Declare extends FreezeCommand {
    @Parameters(paramLabel = "ID", description = "its id: lowercase letters, digits and '-'")
    String id;

    @Option(
        names = "--from",
        paramLabel = "TIME",
        description = "when it begins: an ISO-8601 instant (default: now)")
    String from;

    @Option(
        names = "--to",
        paramLabel = "TIME",
        description = "when it ends: an ISO-8601 instant, e.g. 2027-01-04T00:00:00Z")
    String to;

    @Option(
        names = "--for",
        paramLabel = "DURATION",
        description = "how long from its start instead of --to: 90m, 4h, 3d or PT4H")
    String length;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the people it holds")
    String reason;

    @Override
    public Integer call() {
      if ((to == null) == (length == null)) {
        throw new CliFailure(ExitCodes.USAGE, "give the freeze's end: --to TIME or --for DURATION");
      }
      Instant start = from == null ? null : instant("--from", from);
      Instant end =
          to != null
              ? instant("--to", to)
              : (start == null ? Instant.now() : start).plus(duration(length));
      ObjectNode body = Json.MAPPER.createObjectNode();
      if (start != null) {
        body.put("from", start.toString());
      }
      body.put("to", end.toString());
      if (reason != null) {
        body.put("reason", reason);
      }
      return root().change(root().api().put(path(id), Json.write(body)), f -> one(f, zone()));
    }
  }

  @Command(
      name = "lift",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description =
          "Lift a freeze (DELETE /freezes/{id}): the upgrades it held go on when their own windows"
              + " allow.")
  public static final class Lift extends FreezeCommand {
    @Parameters(paramLabel = "ID", description = "the freeze")
    String id;

    @Override
    public Integer call() {
      return root().change(root().api().delete(path(id)), f -> one(f, zone()));
    }
  }

  // ------------------------------------------------------------------------------ parsing

  private static final Pattern SHORT = Pattern.compile("^(\\d+)\\s*([mhd])$");

  static Instant instant(String option, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new CliFailure(
          ExitCodes.USAGE,
          option + " " + text + " is not an ISO-8601 instant such as 2027-01-04T00:00:00Z");
    }
  }

  static Duration duration(String text) {
    Matcher m = SHORT.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new CliFailure(
          ExitCodes.USAGE, "--for " + text + " is not a duration such as 90m, 4h, 3d or PT4H");
    }
  }

  // ---------------------------------------------------------------------------- rendering

  static String table(JsonNode list, ZoneId zone) {
    if (list.isEmpty()) {
      return "no fleet freeze\n";
    }
    Table t = new Table("ID", "STANDING", "FROM", "TO", "BY", "REASON");
    for (JsonNode f : list) {
      t.row(
          Json.text(f, "freezeId"),
          Json.text(f, "standing"),
          time(Json.text(f, "from"), zone),
          time(Json.text(f, "to"), zone),
          Json.text(f, "liftedBy") != null
              ? Json.text(f, "liftedBy") + " (lifted)"
              : Json.text(f, "declaredBy", ""),
          Json.text(f, "reason", ""));
    }
    return t.render();
  }

  static String one(JsonNode f, ZoneId zone) {
    StringBuilder out = new StringBuilder();
    out.append("freeze    ")
        .append(Json.text(f, "freezeId"))
        .append("  ")
        .append(Json.text(f, "standing"))
        .append('\n');
    out.append("from      ").append(time(Json.text(f, "from"), zone)).append('\n');
    out.append("to        ").append(time(Json.text(f, "to"), zone)).append('\n');
    if (Json.text(f, "reason") != null) {
      out.append("reason    ").append(Json.text(f, "reason")).append('\n');
    }
    out.append("declared  by ")
        .append(Json.text(f, "declaredBy"))
        .append(" at ")
        .append(time(Json.text(f, "declaredAt"), zone))
        .append('\n');
    if (Json.text(f, "liftedBy") != null) {
      out.append("lifted    by ")
          .append(Json.text(f, "liftedBy"))
          .append(" at ")
          .append(time(Json.text(f, "liftedAt"), zone))
          .append('\n');
    }
    return out.toString();
  }

  private static String time(String instant, ZoneId zone) {
    return UpgradeRendering.time(instant, zone, DAY_AND_TIME);
  }
}
