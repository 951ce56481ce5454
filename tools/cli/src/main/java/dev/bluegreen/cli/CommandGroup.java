package dev.bluegreen.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A command that only groups others ({@code campaign ...}, {@code freeze ...}): alone it prints its
 * usage; its subcommands reach the root (the API, the output) through it.
 */
abstract class CommandGroup implements Callable<Integer> {

  @ParentCommand BluegreenCli root;
  @Spec CommandSpec spec;

  /** The group alone: the usage, and a usage exit code. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
