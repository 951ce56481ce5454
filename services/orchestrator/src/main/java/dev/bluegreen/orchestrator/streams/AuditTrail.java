package dev.bluegreen.orchestrator.streams;

import dev.bluegreen.contracts.events.UpgradeState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit entries of one upgrade, in order: the value of the audit store that answers {@code GET
 * /upgrades/{id}/events}. The audit topic stays the source of truth.
 *
 * @param entries the entries, oldest first
 */
public record AuditTrail(List<Line> entries) {

  public AuditTrail {
    entries = entries == null ? List.of() : List.copyOf(entries);
  }

  /**
   * One audit entry.
   *
   * @param eventId its CloudEvent id on the audit topic
   * @param type its event name (UpgradeTransitioned or InputRejected)
   * @param at when the orchestrator decided
   * @param data the entry's data as on the audit topic
   */
  public record Line(String eventId, String type, Instant at, Map<String, Object> data) {}

  /**
   * When the upgrade last entered {@code state}: the time of the latest transition into it from
   * another state (the phase-duration histogram measures from there).
   */
  public Optional<Instant> enteredAt(UpgradeState state) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      Line line = entries.get(i);
      Map<String, Object> d = line.data();
      if ("UpgradeTransitioned".equals(line.type())
          && d != null
          && state.name().equals(d.get("to"))
          && !state.name().equals(d.get("from"))) {
        return Optional.ofNullable(line.at());
      }
    }
    return Optional.empty();
  }

  /** This trail with one more entry. */
  public AuditTrail plus(Line line) {
    List<Line> out = new ArrayList<>(entries);
    out.add(line);
    return new AuditTrail(out);
  }
}
