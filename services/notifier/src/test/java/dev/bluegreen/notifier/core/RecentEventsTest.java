package dev.bluegreen.notifier.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecentEventsTest {

  @Test
  void remembersUpToItsCapacity_forgettingTheLeastRecentlySeen() {
    RecentEvents recent = new RecentEvents(2);
    recent.remember("a");
    recent.remember("b");
    assertTrue(recent.contains("a")); // a is now more recent than b
    recent.remember("c");

    assertEquals(2, recent.size());
    assertTrue(recent.contains("a"));
    assertFalse(recent.contains("b"));
    assertTrue(recent.contains("c"));
  }
}
