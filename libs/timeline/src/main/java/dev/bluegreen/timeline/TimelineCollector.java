package dev.bluegreen.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds timelines from lines streamed off the audit topic, keeping per line only what rendering
 * needs ({@link AuditLine#forRendering}): no recorded entry, no input data, one copy of each
 * repeated string. Reading a whole topic into timelines therefore costs a small fraction of the
 * entries' size. Pure: no Kafka, no clock.
 */
public final class TimelineCollector implements Consumer<AuditLine> {

  private final SharedStrings strings = new SharedStrings();
  private final Map<String, List<AuditLine>> byUpgrade = new LinkedHashMap<>();

  @Override
  public void accept(AuditLine line) {
    // A line read for rendering (replay's AuditReader.Detail.RENDERING) is kept as it is.
    AuditLine kept =
        line.entry() == null && line.eventId() == null ? line : line.forRendering(strings);
    byUpgrade.computeIfAbsent(Timeline.groupOf(kept), k -> new ArrayList<>()).add(kept);
  }

  /**
   * The timeline of every upgrade seen, ordered by when each started (ties: the order they were
   * first read), as {@link Timeline#byUpgrade} orders time-sorted lines. Hands its lines over:
   * collect again into a new collector.
   */
  public List<Timeline> timelines() {
    List<Timeline> timelines = new ArrayList<>(byUpgrade.size());
    Iterator<Map.Entry<String, List<AuditLine>>> groups = byUpgrade.entrySet().iterator();
    while (groups.hasNext()) {
      Map.Entry<String, List<AuditLine>> group = groups.next();
      timelines.add(Timeline.of(group.getKey(), group.getValue()));
      groups.remove(); // the group's list is garbage as soon as its timeline has copied it
    }
    timelines.sort(Comparator.comparing(Timeline::start)); // stable: ties keep the read order
    return timelines;
  }
}
