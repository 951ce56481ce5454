package dev.bluegreen.replay;

import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Incoming;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.CampaignTransitioned;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one campaign's decisions off {@code campaign.audit.v1}, keyed by campaign id, from the
 * beginning up to the end the topic had when reading began ({@link TopicScan}). One key lives in
 * one partition, so the entries come in the order the orchestrator wrote them: the order decide saw
 * their inputs.
 */
public final class CampaignAuditReader {

  /**
   * What a read found.
   *
   * @param entries the campaign's entries in log order
   * @param recordsRead records read off the topic
   * @param unreadable records of the campaign not readable as campaign audit entries
   */
  public record Result(List<CampaignTransitioned> entries, long recordsRead, long unreadable) {}

  private final String bootstrapServers;
  private final CloudEventCodec codec = CloudEventCodec.forTrustedHistory();

  public CampaignAuditReader(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** Reads every entry of {@code campaignId}. */
  public Result read(String campaignId) {
    List<CampaignTransitioned> entries = new ArrayList<>();
    long[] unreadable = {0};
    long read =
        TopicScan.readAll(
            bootstrapServers,
            Topics.CAMPAIGN_AUDIT.name(),
            record -> {
              if (!campaignId.equals(record.key())) {
                return;
              }
              Incoming incoming = codec.decode(record.headers(), record.value());
              if (incoming instanceof Incoming.Valid valid
                  && valid.event().data() instanceof CampaignTransitioned t) {
                entries.add(t);
              } else {
                unreadable[0]++;
              }
            });
    return new Result(List.copyOf(entries), read, unreadable[0]);
  }
}
