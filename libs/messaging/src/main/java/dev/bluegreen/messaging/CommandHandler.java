package dev.bluegreen.messaging;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.events.Phase;
import java.util.Set;

/**
 * A phase service's pure-ish core, seen from messaging: the commands it accepts and what it does
 * with each. Implementations must be idempotent: the inbox does each {@code commandId} once per
 * process, but after a restart a command is delivered again and must find its work done or resume
 * it (describe-before-create, clientRequestToken, read-back).
 */
public interface CommandHandler {

  /** The command types this service accepts; anything else on its topic is dead-lettered. */
  Set<Class<? extends Command>> accepts();

  /** The phase a command belongs to, for the {@code PhaseFailed} fact when handling throws. */
  Phase phaseOf(Command command);

  /**
   * Carries out one command, publishing facts (progress, result, failure) through {@code facts}.
   * Expected failures (a guard that does not hold, an AWS error) are facts, not exceptions; an
   * exception escaping here becomes a {@code PhaseFailed} fact with {@code retryable=true}.
   */
  void handle(CloudEvent<? extends Command> command, Facts facts);
}
