package dev.bluegreen.timeline;

import dev.bluegreen.contracts.AuditEntry;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.events.InputRejected;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import java.time.Instant;
import java.util.List;

/**
 * One audit entry as a postmortem reads it: when, which upgrade, what changed, why, who.
 *
 * @param eventId the audit entry's own CloudEvent id
 * @param at when the orchestrator decided
 * @param upgradeId the upgrade, or null for a rejection naming none
 * @param cluster the blue cluster
 * @param from state before (null for the first entry, or for a rejection)
 * @param to state after (for a rejection: the state it stayed in, may be null)
 * @param rejected true for an input that was not applied
 * @param causeType the CloudEvent type of the input (or the timer)
 * @param causeId the input's event id
 * @param actor who or what caused it
 * @param reason why, in words
 * @param commands the commands sent as a result, by type
 * @param entry the entry as recorded, with the input decide saw ({@code input()}), which replay's
 *     {@code --verify} feeds through decide again; null in a line kept only for rendering ({@link
 *     #forRendering})
 */
public record AuditLine(
    String eventId,
    Instant at,
    String upgradeId,
    String cluster,
    UpgradeState from,
    UpgradeState to,
    boolean rejected,
    String causeType,
    String causeId,
    String actor,
    String reason,
    List<String> commands,
    AuditEntry entry) {

  /** The line for an audit event, or null when the event is not an audit entry. */
  public static AuditLine of(CloudEvent<?> event) {
    if (event.data() instanceof UpgradeTransitioned t) {
      return new AuditLine(
          event.id(),
          t.at(),
          t.upgradeId(),
          t.cluster(),
          t.from(),
          t.to(),
          false,
          t.cause().type(),
          t.cause().eventId(),
          t.actor(),
          t.reason(),
          t.commands().stream().map(c -> shortType(c.type())).toList(),
          t);
    }
    if (event.data() instanceof InputRejected r) {
      return new AuditLine(
          event.id(),
          r.at(),
          r.upgradeId(),
          r.cluster(),
          null,
          r.state(),
          true,
          r.cause().type(),
          r.cause().eventId(),
          r.actor(),
          (r.duplicate() ? "duplicate ignored: " : "rejected: ") + r.reason(),
          List.of(),
          r);
    }
    return null;
  }

  /**
   * This line without what rendering does not need: the recorded entry (the input decide saw, with
   * its data, is most of an entry's size) and the audit entry's own id (no format shows it). The
   * strings that repeat across lines (upgrade, cluster, cause type, actor, reason, commands) are
   * shared through {@code strings}. What a whole-topic timeline keeps per entry.
   */
  public AuditLine forRendering(SharedStrings strings) {
    return new AuditLine(
        null,
        at,
        strings.of(upgradeId),
        strings.of(cluster),
        from,
        to,
        rejected,
        strings.of(causeType),
        causeId,
        strings.of(actor),
        strings.of(reason),
        strings.of(commands),
        null);
  }

  /** {@code dev.bluegreen.ProvisionGreen.v1} → {@code ProvisionGreen}. */
  public static String shortType(String ceType) {
    if (ceType == null) {
      return "?";
    }
    String s =
        ceType.startsWith("dev.bluegreen.") ? ceType.substring("dev.bluegreen.".length()) : ceType;
    int v = s.lastIndexOf(".v");
    return v > 0 && s.substring(v + 2).chars().allMatch(Character::isDigit) ? s.substring(0, v) : s;
  }

  /**
   * Whether this line records a failure or a step back: a rejection, the decision to roll back or
   * clean up, and the end it came to. The steps of a rollback or clean-up in progress (traffic
   * back, CronJobs back, green deregistered) are the remedy, not more failures.
   */
  public boolean isFailure() {
    return rejected && !reason.startsWith("duplicate")
        || to == UpgradeState.FAILED
        || to == UpgradeState.ROLLING_BACK && from != UpgradeState.ROLLING_BACK
        || to == UpgradeState.ROLLED_BACK
        || to == UpgradeState.CLEANING_UP && from != UpgradeState.CLEANING_UP;
  }
}
