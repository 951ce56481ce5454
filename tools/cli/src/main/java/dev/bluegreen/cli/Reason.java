package dev.bluegreen.cli;

import picocli.CommandLine.Option;

/** {@code --reason TEXT}, which every control of an upgrade or a campaign asks for. */
final class Reason {

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description = "why, for the audit log")
  String text;
}
