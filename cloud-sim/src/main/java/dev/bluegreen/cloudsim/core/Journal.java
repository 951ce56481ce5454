package dev.bluegreen.cloudsim.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Append-only record of every mutating call, so tests and chaos runs can check invariants after the
 * fact (one creation per request token, no cluster deleted while it still receives traffic).
 */
public final class Journal {
  private final List<JournalEntry> entries = new ArrayList<>();
  private final SimClock clock;

  public Journal(SimClock clock) {
    this.clock = clock;
  }

  public synchronized JournalEntry record(
      String service,
      String operation,
      String resource,
      String requestToken,
      String outcome,
      String note) {
    JournalEntry entry =
        new JournalEntry(
            entries.size() + 1L,
            clock.now(),
            service,
            operation,
            resource,
            requestToken,
            outcome,
            note);
    entries.add(entry);
    return entry;
  }

  /** All entries, oldest first. */
  public synchronized List<JournalEntry> entries() {
    return List.copyOf(entries);
  }

  /** Entries with seq greater than {@code afterSeq}. */
  public synchronized List<JournalEntry> since(long afterSeq) {
    int from = (int) Math.min(Math.max(afterSeq, 0), entries.size());
    return List.copyOf(entries.subList(from, entries.size()));
  }

  /** Entries of one operation, oldest first. */
  public synchronized List<JournalEntry> entries(String operation) {
    return entries.stream().filter(e -> e.operation().equals(operation)).toList();
  }

  /** Entries whose note flags a broken invariant (see README). */
  public synchronized List<JournalEntry> violations() {
    return entries.stream()
        .filter(e -> e.note() != null && e.note().startsWith("VIOLATION"))
        .toList();
  }

  /**
   * Creations that happened more than once for the same operation and request token: with working
   * idempotency this is always empty (a retried create is journaled as "replayed").
   */
  public synchronized List<JournalEntry> duplicateCreations() {
    java.util.Map<String, Long> counts = new java.util.HashMap<>();
    List<JournalEntry> out = new ArrayList<>();
    for (JournalEntry e : entries) {
      if ("created".equals(e.outcome()) && e.requestToken() != null) {
        long n = counts.merge(e.operation() + "|" + e.requestToken(), 1L, Long::sum);
        if (n > 1) {
          out.add(e);
        }
      }
    }
    return out;
  }
}
