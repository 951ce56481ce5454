package dev.bluegreen.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedSnapshotTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final MovingClock clock = new MovingClock(T0);
  private final AtomicInteger reads = new AtomicInteger();
  private final SharedSnapshot<Integer> snapshot =
      new SharedSnapshot<>(reads::incrementAndGet, Duration.ofSeconds(5), clock);

  @Test
  void callersWithinTheMaxAge_shareOneRead() {
    assertEquals(1, snapshot.get(T0));
    clock.now = T0.plusSeconds(4);
    assertEquals(1, snapshot.get(T0));
    assertEquals(1, reads.get());
  }

  @Test
  void callersWithoutAWriteOfTheirOwn_shareAnyReadYoungerThanTheMaxAge() {
    clock.now = T0.plusSeconds(100);
    assertEquals(1, snapshot.get());
    clock.now = T0.plusSeconds(104);
    assertEquals(1, snapshot.get());
    clock.now = T0.plusSeconds(105);
    assertEquals(2, snapshot.get());
  }

  @Test
  void aReadAsOldAsTheMaxAge_isReadAgain() {
    snapshot.get(T0);
    clock.now = T0.plusSeconds(5);
    assertEquals(2, snapshot.get(T0));
  }

  @Test
  void aCallerThatWroteAfterTheLastRead_getsANewRead() {
    snapshot.get(T0);
    clock.now = T0.plusSeconds(1);
    // Registered green at T0+1: the list taken at T0 may not show what that caused.
    assertEquals(2, snapshot.get(T0.plusSeconds(1)));
    clock.now = T0.plusSeconds(2);
    assertEquals(2, snapshot.get(T0.plusSeconds(1)));
  }

  @Test
  void aFailedRead_isNotKept() {
    AtomicInteger calls = new AtomicInteger();
    SharedSnapshot<Integer> failingOnce =
        new SharedSnapshot<>(
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("API server timed out");
              }
              return calls.get();
            },
            Duration.ofSeconds(5),
            clock);
    assertThrows(IllegalStateException.class, () -> failingOnce.get(T0));
    assertEquals(2, failingOnce.get(T0));
  }

  @Test
  void concurrentCallers_waitForOneRead() throws Exception {
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger slowReads = new AtomicInteger();
    SharedSnapshot<Integer> slow =
        new SharedSnapshot<>(
            () -> {
              reading.countDown();
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return slowReads.incrementAndGet();
            },
            Duration.ofSeconds(5),
            clock);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      results.add(pool.submit(() -> slow.get(T0)));
      // The first read is under way; everyone else arrives during it.
      reading.await(10, TimeUnit.SECONDS);
      for (int i = 0; i < 7; i++) {
        results.add(pool.submit(() -> slow.get(T0)));
      }
      release.countDown();
      for (Future<Integer> r : results) {
        assertEquals(1, r.get(10, TimeUnit.SECONDS));
      }
      assertEquals(1, slowReads.get());
    } finally {
      pool.shutdownNow();
    }
  }
}
