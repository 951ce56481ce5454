package dev.bluegreen.deployer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SyncProgressTest {

  @Test
  void someSyncing_reportsNofM() {
    SyncProgress p =
        SyncProgress.of(
            List.of(
                new AppStatus("green-web", "Synced", "Healthy", null),
                new AppStatus("green-api", "OutOfSync", "Progressing", null)),
            2);

    assertEquals(1, p.done());
    assertEquals(2, p.total());
    assertFalse(p.complete());
    assertEquals("1 of 2 applications Synced and Healthy on green", p.message());
  }

  @Test
  void fewerGeneratedThanBlueHas_isNotComplete() {
    SyncProgress p =
        SyncProgress.of(List.of(new AppStatus("green-web", "Synced", "Healthy", null)), 3);

    assertFalse(p.complete());
    assertEquals(3, p.total());
  }

  @Test
  void degradedApplication_failsNamingItAndItsMessage() {
    SyncProgress p =
        SyncProgress.of(
            List.of(
                new AppStatus("green-web", "Synced", "Healthy", null),
                new AppStatus(
                    "green-api", "Synced", "Degraded", "Deployment has timed out progressing")),
            2);

    assertTrue(p.failed());
    assertEquals(
        "Degraded on green: green-api (Deployment has timed out progressing)", p.failureReason());
  }

  @Test
  void allSyncedAndHealthy_isComplete() {
    SyncProgress p =
        SyncProgress.of(List.of(new AppStatus("green-web", "Synced", "Healthy", null)), 1);

    assertTrue(p.complete());
    assertEquals(List.of("green-web"), p.ready());
  }

  @Test
  void timeout_namesWhatItWaitedFor() {
    List<AppStatus> apps =
        List.of(new AppStatus("green-api", "OutOfSync", "Progressing", "waiting"));
    SyncProgress p = SyncProgress.of(apps, 1);

    assertTrue(p.timeoutReason(apps).contains("green-api (OutOfSync/Progressing: waiting)"));
  }
}
