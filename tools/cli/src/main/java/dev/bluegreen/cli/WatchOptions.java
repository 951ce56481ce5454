package dev.bluegreen.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How to watch an upgrade or a campaign: a mixin shared by {@code watch}, {@code upgrade --watch}
 * and {@code campaign watch}.
 */
public final class WatchOptions {
  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "PT2S",
      description = "how often to ask the API (default: ${DEFAULT-VALUE})")
  Duration interval;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "give up (exit 3) if it has not ended by then (default: never)")
  Duration timeout;

  @Option(
      names = "--lines",
      description = "one line per change even on a terminal, as when the output is piped")
  boolean lines;
}
