package dev.bluegreen.upgrade.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.events.Freeze;
import dev.bluegreen.contracts.events.MaintenanceWindows;
import dev.bluegreen.contracts.events.WindowSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsTest {

  /** 22:00 to 02:00 Berlin time, Monday to Thursday. */
  static final MaintenanceWindows NIGHTS =
      new MaintenanceWindows(
          List.of(new WindowSchedule("0 22 * * 1-4", "Europe/Berlin", Duration.ofHours(4))), null);

  @Test
  void noWindows_alwaysOpen() {
    assertTrue(Windows.open(null, Instant.parse("2026-12-07T12:00:00Z")));
    assertTrue(
        Windows.open(new MaintenanceWindows(null, null), Instant.parse("2026-12-07T12:00:00Z")));
  }

  @Test
  void aWindow_isOpenFromItsStartForItsDuration_inItsTimeZone() {
    // Monday 7 December 2026: 22:00 in Berlin is 21:00 UTC.
    assertFalse(Windows.open(NIGHTS, Instant.parse("2026-12-07T20:59:00Z")));
    assertTrue(Windows.open(NIGHTS, Instant.parse("2026-12-07T21:00:00Z")));
    assertTrue(Windows.open(NIGHTS, Instant.parse("2026-12-08T00:59:59Z")), "past midnight");
    assertFalse(Windows.open(NIGHTS, Instant.parse("2026-12-08T01:00:00Z")));
  }

  @Test
  void nextOpening_isTheNextStart_orNowWhenOpen() {
    assertEquals(
        Instant.parse("2026-12-07T21:00:00Z"),
        Windows.nextOpening(NIGHTS, Instant.parse("2026-12-07T12:00:00Z")).orElseThrow());
    Instant inside = Instant.parse("2026-12-07T22:30:00Z");
    assertEquals(inside, Windows.nextOpening(NIGHTS, inside).orElseThrow());
    // Friday noon: the next window is Monday night.
    assertEquals(
        Instant.parse("2026-12-14T21:00:00Z"),
        Windows.nextOpening(NIGHTS, Instant.parse("2026-12-11T12:00:00Z")).orElseThrow());
  }

  @Test
  void aFreeze_closesEvenAnOpenWindow_andTheNextOpeningComesAfterIt() {
    MaintenanceWindows frozen =
        new MaintenanceWindows(
            NIGHTS.schedules(),
            List.of(
                new Freeze(
                    Instant.parse("2026-12-07T00:00:00Z"),
                    Instant.parse("2026-12-09T00:00:00Z"),
                    "release")));
    assertFalse(Windows.open(frozen, Instant.parse("2026-12-07T22:00:00Z")));
    // The freeze ends at 01:00 Berlin on Wednesday, inside Tuesday night's window.
    assertEquals(
        Instant.parse("2026-12-09T00:00:00Z"),
        Windows.nextOpening(frozen, Instant.parse("2026-12-07T22:00:00Z")).orElseThrow());
    MaintenanceWindows longer =
        new MaintenanceWindows(
            NIGHTS.schedules(),
            List.of(
                new Freeze(
                    Instant.parse("2026-12-07T00:00:00Z"),
                    Instant.parse("2026-12-09T02:00:00Z"),
                    "release")));
    assertEquals(
        Instant.parse("2026-12-09T21:00:00Z"),
        Windows.nextOpening(longer, Instant.parse("2026-12-07T22:00:00Z")).orElseThrow());
    MaintenanceWindows onlyFreeze = new MaintenanceWindows(null, frozen.freezes());
    assertEquals(
        Instant.parse("2026-12-09T00:00:00Z"),
        Windows.nextOpening(onlyFreeze, Instant.parse("2026-12-08T00:00:00Z")).orElseThrow());
  }

  @Test
  void badWindows_areNamed() {
    List<String> p =
        Windows.problems(
            new MaintenanceWindows(
                List.of(new WindowSchedule("every night", "Mars/Olympus", Duration.ZERO)), null));
    assertEquals(3, p.size(), p.toString());
  }
}
