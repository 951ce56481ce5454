package dev.bluegreen.orchestrator.streams;

import dev.bluegreen.contracts.events.Freeze;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the upgrade processor learns the fleet's standing freezes (declared through {@code
 * /freezes}, not lifted, not ended). Empty while they are not known yet (the reader has not caught
 * up with {@code fleet.freezes.v1}): then running upgrades keep the freezes they hold, rather than
 * be told a freeze was lifted that was not.
 */
@FunctionalInterface
public interface FleetFreezes {

  /** The freezes standing at {@code at}, or empty while not known. */
  Optional<List<Freeze>> standing(Instant at);

  /** No fleet freeze, ever (tests and tools without the topic). */
  FleetFreezes NONE = at -> Optional.of(List.of());
}
