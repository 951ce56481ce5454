package dev.bluegreen.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.Topics;
import dev.bluegreen.testkit.EventProbe;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/replay --campaign ID} end to end on a real broker: a campaign decided by the real
 * decide is written to {@code campaign.audit.v1} beside another campaign and a record that is not
 * an audit entry; the command reads only its campaign, replays it and prints REPRODUCED.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CampaignReplayIT {

  private static final Instant T0 =
      Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);

  @TempDir Path dir;

  @Test
  void givenACampaignOnTheAuditTopic_whenReplayed_thenItsTimelineEndsReproduced(
      KafkaBroker broker, EventProbe probe) throws IOException {
    String id = "cmp-it-" + UUID.randomUUID().toString().substring(0, 8);
    CampaignHistory mine = CampaignHistory.stopTheLineThenRetry(id, T0);
    CampaignHistory other = CampaignHistory.stopTheLineThenRetry(id + "-other", T0);
    mine.events().forEach(probe::publish);
    other.events().forEach(probe::publish);
    probe.publishRaw(
        Topics.CAMPAIGN_AUDIT.name(),
        id,
        new RecordHeaders(),
        "not a cloud event".getBytes(StandardCharsets.UTF_8));

    CampaignAuditReader.Result read = new CampaignAuditReader(broker.bootstrapServers()).read(id);
    assertEquals(mine.log, read.entries(), "only this campaign's entries, in log order");
    assertEquals(1, read.unreadable(), "the record that is not an audit entry is counted");

    Path out = dir.resolve("campaign.txt");
    int status =
        ReplayMain.run(
            new String[] {
              "--campaign", id, "--bootstrap", broker.bootstrapServers(), "--out", out.toString()
            });
    String timeline = Files.readString(out);
    assertEquals(0, status, timeline);
    assertTrue(timeline.startsWith("campaign " + id + "  replayed  COMPLETED"), timeline);
    assertTrue(
        timeline.contains(
            "REPRODUCED: "
                + mine.log.size()
                + " of "
                + mine.log.size()
                + " campaign audit entries of "
                + id),
        timeline);

    assertEquals(
        3,
        ReplayMain.run(
            new String[] {"--campaign", "cmp-never", "--bootstrap", broker.bootstrapServers()}),
        "a campaign with no entry is not REPRODUCED");
  }
}
