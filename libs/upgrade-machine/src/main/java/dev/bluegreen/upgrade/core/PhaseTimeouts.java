package dev.bluegreen.upgrade.core;

import dev.bluegreen.contracts.events.Phase;
import dev.bluegreen.contracts.events.UpgradeState;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * How long the orchestrator waits for the answer to a phase's command before it takes the failure
 * path. The defaults come from configuration; an upgrade's plan may override them per phase.
 */
public final class PhaseTimeouts {

  private final Map<Phase, Duration> defaults;

  public PhaseTimeouts(Map<Phase, Duration> defaults) {
    this.defaults = new EnumMap<>(Phase.class);
    this.defaults.putAll(defaults);
  }

  /** Generous defaults, for tests and for phases configuration leaves out. */
  public static PhaseTimeouts defaults() {
    Map<Phase, Duration> d = new EnumMap<>(Phase.class);
    d.put(Phase.PREFLIGHT, Duration.ofMinutes(10));
    d.put(Phase.PROVISIONING, Duration.ofMinutes(45));
    d.put(Phase.DEPLOYING, Duration.ofMinutes(30));
    d.put(Phase.VERIFYING, Duration.ofMinutes(15));
    d.put(Phase.SHIFTING, Duration.ofMinutes(30));
    d.put(Phase.HANDOVER, Duration.ofMinutes(10));
    d.put(Phase.DECOMMISSIONING, Duration.ofMinutes(60));
    d.put(Phase.ROLLING_BACK, Duration.ofMinutes(15));
    d.put(Phase.CLEANING_UP, Duration.ofMinutes(45));
    return new PhaseTimeouts(d);
  }

  /** These timeouts with some phases' replaced (tools/replay: the orchestrator's configuration). */
  public PhaseTimeouts with(Map<Phase, Duration> overrides) {
    Map<Phase, Duration> d = new EnumMap<>(Phase.class);
    d.putAll(defaults);
    d.putAll(overrides);
    return new PhaseTimeouts(d);
  }

  /** The phase a state waits in, if it waits for a phase service at all. */
  public static Optional<Phase> phaseOf(UpgradeState state) {
    if (state == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Phase.valueOf(state.name()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The timeout of the state's phase: the plan's override when it is a valid ISO-8601 duration,
   * else the default; empty when the state waits for no phase service.
   */
  public Optional<Duration> timeoutOf(UpgradeState state, Map<String, String> overrides) {
    Optional<Phase> phase = phaseOf(state);
    if (phase.isEmpty()) {
      return Optional.empty();
    }
    if (overrides != null && overrides.get(phase.get().name()) != null) {
      try {
        Duration d = Duration.parse(overrides.get(phase.get().name()));
        if (!d.isNegative() && !d.isZero()) {
          return Optional.of(d);
        }
      } catch (DateTimeParseException e) {
        // The API validates overrides; an unreadable one falls back to the default.
      }
    }
    return Optional.ofNullable(defaults.get(phase.get()));
  }
}
