package dev.bluegreen.timeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One copy of each string (and command list) that repeats across the lines of a long history: the
 * same cluster, actor, cause type or reason thousands of times. Bounded: past {@link #LIMIT}
 * distinct values it stops remembering new ones (they are then kept as they are), so a history of
 * values that never repeat costs no more than without it. Not thread-safe; one per read.
 */
public final class SharedStrings {

  /** Distinct values remembered, at most (a few MB). */
  public static final int LIMIT = 50_000;

  private final Map<String, String> strings = new HashMap<>();
  private final Map<List<String>, List<String>> lists = new HashMap<>();

  /** The shared copy of {@code s}. */
  public String of(String s) {
    if (s == null) {
      return null;
    }
    String known = strings.get(s);
    if (known != null) {
      return known;
    }
    if (strings.size() < LIMIT) {
      strings.put(s, s);
    }
    return s;
  }

  /** The shared copy of an immutable list of strings. */
  public List<String> of(List<String> list) {
    if (list.isEmpty()) {
      return List.of();
    }
    List<String> known = lists.get(list);
    if (known != null) {
      return known;
    }
    List<String> copy = list.stream().map(this::of).toList();
    if (lists.size() < LIMIT) {
      lists.put(copy, copy);
    }
    return copy;
  }
}
