package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.OptionalField;
import dev.bluegreen.contracts.UpgradeEvent;
import java.time.Instant;

/**
 * Orchestrator API: a fleet-wide freeze as it stands after a person declared, changed or lifted it
 * ({@code PUT /freezes/{id}}, {@code DELETE /freezes/{id}}). On {@code fleet.freezes.v1}, keyed by
 * the freeze id and kept forever: the latest record of an id is the freeze, the earlier ones its
 * history. While it is in effect no upgrade, campaign member or not, starts disruptive work (the
 * first traffic shift, the decommission of blue); work under way is never cut off. Unlike a freeze
 * in a request or in configuration, it is not pinned in plans: running upgrades learn of it, and of
 * its lifting, before their next decision.
 *
 * @param freezeId the freeze, and the Kafka key
 * @param from when it begins
 * @param to when it ends
 * @param reason why, for people
 * @param declaredBy who declared it (or last changed it)
 * @param declaredAt when
 * @param liftedBy who lifted it before its end; absent while it stands
 * @param liftedAt when it was lifted; absent while it stands
 */
public record FleetFreeze(
    String freezeId,
    Instant from,
    Instant to,
    @OptionalField String reason,
    String declaredBy,
    Instant declaredAt,
    @OptionalField String liftedBy,
    @OptionalField Instant liftedAt)
    implements UpgradeEvent {

  /** Whether a person lifted it. */
  public boolean lifted() {
    return liftedAt != null;
  }

  /** The same freeze, lifted by {@code actor} at {@code at}. */
  public FleetFreeze liftedBy(String actor, Instant at) {
    return new FleetFreeze(freezeId, from, to, reason, declaredBy, declaredAt, actor, at);
  }

  /** The period as upgrades hold for it; the reason names the fleet freeze. */
  public Freeze asFreeze() {
    return new Freeze(from, to, "fleet freeze " + freezeId + (reason == null ? "" : ": " + reason));
  }

  @Override
  public String upgradeId() {
    return null;
  }

  @Override
  public String cluster() {
    return null;
  }
}
