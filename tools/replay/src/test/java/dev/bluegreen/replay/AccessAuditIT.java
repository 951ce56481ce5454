package dev.bluegreen.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.events.AccessDenied;
import dev.bluegreen.testkit.EventProbe;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refused attempts on {@code access.audit.v1} in {@code bin/replay}, on a real broker: {@code
 * --denied} lists those of a cluster or an upgrade, and a cluster's timeline is followed by them.
 */
@ExtendWith(KafkaBrokerExtension.class)
class AccessAuditIT {

  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @TempDir Path dir;

  @Test
  void refusedAttempts_ofAClusterOrUpgrade_areListed_andFollowTheClustersTimeline(
      KafkaBroker broker, EventProbe probe) throws IOException {
    String cluster = "denied-" + UUID.randomUUID().toString().substring(0, 8);
    String upgrade = UUID.randomUUID().toString();
    AccessDenied request =
        new AccessDenied(
            cluster,
            cluster,
            null,
            null,
            "paul",
            "request",
            403,
            "wrong-team",
            cluster + " is owned by team search; paul may not request it",
            T0);
    AccessDenied approve =
        new AccessDenied(
            cluster,
            cluster,
            upgrade,
            null,
            "pat",
            "approve",
            403,
            "four-eyes",
            "pat requested upgrade " + upgrade + " and may not approve its gates",
            T0.plusSeconds(60));
    AccessDenied elsewhere =
        new AccessDenied(
            "other-001",
            "other-001",
            null,
            null,
            "paul",
            "request",
            403,
            "wrong-team",
            "other-001 is owned by team search",
            T0);
    for (AccessDenied d : List.of(approve, request, elsewhere)) {
      probe.publish(CloudEvent.of("/bluegreen/orchestrator/api", d, d.at()));
    }

    AccessAuditReader.Result read =
        new AccessAuditReader(broker.bootstrapServers())
            .read(new AccessAuditReader.Selection(null, cluster, null, null));
    assertEquals(List.of(request, approve), read.denials(), "this cluster's, oldest first");

    Path listed = dir.resolve("denied.txt");
    int status =
        ReplayMain.run(
            new String[] {
              "--denied",
              "--upgrade",
              upgrade,
              "--bootstrap",
              broker.bootstrapServers(),
              "--out",
              listed.toString()
            });
    String text = Files.readString(listed);
    assertEquals(0, status, text);
    assertTrue(text.contains("Denied attempts (1)"), text);
    assertTrue(text.contains("pat approve upgrade " + upgrade + " of " + cluster), text);
    assertTrue(text.contains("403 four-eyes"), text);

    Path timeline = dir.resolve("timeline.md");
    ReplayMain.run(
        new String[] {
          "--cluster",
          cluster,
          "--format",
          "md",
          "--bootstrap",
          broker.bootstrapServers(),
          "--out",
          timeline.toString()
        });
    String md = Files.readString(timeline);
    assertTrue(md.contains("## Denied attempts"), md);
    assertTrue(md.contains("| paul | request | " + cluster + " | 403 | wrong-team |"), md);
    assertFalse(md.contains("other-001"), md);
  }
}
