package dev.bluegreen.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What a person asks of a running upgrade: {@code POST /upgrades/{id}/{action}} with {@code
 * {"reason": ...}}. The command's name is the action.
 */
final class ControlCommands {

  private ControlCommands() {}

  /** The one implementation; each subclass only names and describes its action. */
  abstract static class ControlCommand implements Callable<Integer> {
    @ParentCommand BluegreenCli root;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "the upgrade")
    String id;

    @Option(
        names = "--reason",
        required = true,
        paramLabel = "TEXT",
        description = "why, for the audit log")
    String reason;

    @Override
    public Integer call() {
      String action = spec.name();
      return act(root, id, action, reason);
    }

    static int act(BluegreenCli root, String id, String action, String reason) {
      String body = Json.write(Json.MAPPER.createObjectNode().put("reason", reason));
      root.progress(action + " " + id + ": waiting for the state machine's decision...");
      ApiClient.Answer answer =
          ApiClient.expectOk(
              root.api().post(ApiClient.path(List.of("upgrades", id, action), Map.of()), body));
      if (root.json()) {
        root.printJson(answer.body());
      } else {
        root.print(UpgradeRendering.accepted(action, Json.parse(answer.body())));
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description = "Pass the approval gate the upgrade waits at (AWAITING_*_APPROVAL).")
  public static final class Approve extends ControlCommand {}

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description = "Stop moving forward until resumed.")
  public static final class Pause extends ControlCommand {}

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description = "Continue after a pause.")
  public static final class Resume extends ControlCommand {}

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description = "Stop before traffic moves and clean up green.")
  public static final class Cancel extends ControlCommand {}

  @Command(
      name = "rollback",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description = "Send all traffic back to blue and clean up green.")
  public static final class Rollback extends ControlCommand {}

  @Command(
      name = "retry",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description =
          "Resume a FAILED upgrade in the phase it failed in (pre-flight, decommission, rollback"
              + " or clean-up), once the cause is fixed.")
  public static final class Retry extends ControlCommand {}

  @Command(
      name = "promote",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description = "End a pause step that waits for a person.")
  public static final class Promote extends ControlCommand {}
}
