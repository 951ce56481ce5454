package dev.bluegreen.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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
  @Command(mixinStandardHelpOptions = true, versionProvider = BluegreenCli.Version.class)
  abstract static class ControlCommand implements Callable<Integer> {
    @ParentCommand BluegreenCli root;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "the upgrade")
    String id;

    @Mixin Reason reason;

    @Override
    public Integer call() {
      return act(root, id, spec.name(), reason.text);
    }

    /** {@code action} on upgrade {@code id}; also the watch's approval. */
    static int act(BluegreenCli root, String id, String action, String reason) {
      return root.decide(
          action + " " + id,
          "the state machine",
          ApiClient.path(List.of("upgrades", id, action), Map.of()),
          Json.MAPPER.createObjectNode().put("reason", reason),
          accepted -> UpgradeRendering.accepted(action, accepted));
    }
  }

  @Command(
      name = "approve",
      description = "Pass the approval gate the upgrade waits at (AWAITING_*_APPROVAL).")
  public static final class Approve extends ControlCommand {}

  @Command(name = "pause", description = "Stop moving forward until resumed.")
  public static final class Pause extends ControlCommand {}

  @Command(name = "resume", description = "Continue after a pause.")
  public static final class Resume extends ControlCommand {}

  @Command(name = "cancel", description = "Stop before traffic moves and clean up green.")
  public static final class Cancel extends ControlCommand {}

  @Command(name = "rollback", description = "Send all traffic back to blue and clean up green.")
  public static final class Rollback extends ControlCommand {}

  @Command(
      name = "retry",
      description =
          "Resume a FAILED upgrade in the phase it failed in (pre-flight, decommission, rollback"
              + " or clean-up), once the cause is fixed.")
  public static final class Retry extends ControlCommand {}

  @Command(name = "promote", description = "End a pause step that waits for a person.")
  public static final class Promote extends ControlCommand {}
}
