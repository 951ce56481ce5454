package dev.bluegreen.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code watch ID}: follow an upgrade until it ends; exits with its outcome. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    versionProvider = BluegreenCli.Version.class,
    description = {
      "Follow an upgrade until it ends, polling the API: in a terminal a live screen (phase bar,"
          + " traffic, step, progress, last audit events); otherwise one line per change"
          + " (-o json: one JSON document per change).",
      "Exits with the outcome: 0 COMPLETED, 10 FAILED, 11 ROLLED_BACK, 12 CANCELLED, 3 when the"
          + " API stays unreachable or --timeout passes. Ctrl-C stops watching, not the upgrade."
    })
public final class WatchCommand implements Callable<Integer> {

  /**
   * Approving the upgrade's gates while watching; shared by {@code watch} and {@code upgrade
   * --watch}.
   */
  public static final class GateOptions {
    @Option(
        names = "--approve-gates",
        description = "approve every approval gate the upgrade waits at, printing each approval")
    boolean approveGates;

    @Option(
        names = "--approve-reason",
        paramLabel = "TEXT",
        defaultValue = "approved by bluegreen watch --approve-gates",
        description = "the reason recorded with each approval (default: ${DEFAULT-VALUE})")
    String approveReason;
  }

  @ParentCommand BluegreenCli root;

  @Parameters(paramLabel = "ID", description = "the upgrade")
  String id;

  @Mixin WatchOptions options;

  @Mixin GateOptions gates;

  @Override
  public Integer call() {
    return new UpgradeWatcher(root, options, gates).watch(id);
  }
}
