package dev.bluegreen.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bluegreen.contracts.Topics;
import dev.bluegreen.testkit.EventProbe;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/replay} on the real run's history put back on a real audit topic, record for record
 * (key, headers, body as captured): the command renders the golden timeline and verifies it.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CapturedHistoryIT {

  private String bootstrap;

  @BeforeAll
  void putTheCaptureBack(KafkaBroker broker, EventProbe probe) {
    for (CapturedRecords.Captured r : CapturedRecords.read(CapturedRollbackTest.CAPTURE)) {
      probe.publishRaw(Topics.AUDIT.name(), r.key(), r.kafkaHeaders(), r.value());
    }
    bootstrap = broker.bootstrapServers();
  }

  @Test
  void replayCommand_rendersTheGoldenMarkdown_forTheCluster(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("pm.md");

    int status =
        ReplayMain.run(
            new String[] {
              "--bootstrap",
              bootstrap,
              "--cluster",
              "search-011",
              "--format",
              "md",
              "--out",
              "" + out
            });

    assertEquals(0, status);

    assertEquals(
        Files.readString(
            CapturedRollbackTest.HISTORIES.resolve("manual-rollback.md"), StandardCharsets.UTF_8),
        Files.readString(out, StandardCharsets.UTF_8));
  }

  @Test
  void replayCommand_rendersTheGoldenPage_forTheUpgrade(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("t.html");

    int status =
        ReplayMain.run(
            new String[] {
              "--bootstrap",
              bootstrap,
              "--upgrade",
              "6b6a3e45-fc6d-45f6-93de-2663a78e63bf",
              "--format",
              "html",
              "--out",
              "" + out
            });

    assertEquals(0, status);
    assertEquals(
        Files.readString(
            CapturedRollbackTest.HISTORIES.resolve("manual-rollback.html"), StandardCharsets.UTF_8),
        Files.readString(out, StandardCharsets.UTF_8));
  }

  @Test
  void replayCommand_verifiesTheRealRun(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("verify.txt");

    int status =
        ReplayMain.run(
            new String[] {
              "--bootstrap", bootstrap, "--cluster", "search-011", "--verify", "--out", "" + out
            });

    assertEquals(0, status, "exit status: every entry reproduced");

    assertEquals(
        "REPRODUCED: 14 of 14 audit entries reproduced by decide\n",
        Files.readString(out, StandardCharsets.UTF_8));
  }
}
