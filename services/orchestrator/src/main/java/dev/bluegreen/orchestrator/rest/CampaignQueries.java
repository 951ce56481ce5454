package dev.bluegreen.orchestrator.rest;

import dev.bluegreen.campaign.core.Campaign;
import dev.bluegreen.orchestrator.streams.AuditTrail;
import dev.bluegreen.orchestrator.streams.CampaignStores;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads of campaigns, from this instance's state stores (interactive queries). A campaign lives
 * with the partition of its id; with several orchestrator instances a read this one cannot answer
 * is a 404 here (issue: route campaign reads like upgrade reads, {@link PeerReads}).
 */
@ApplicationScoped
public class CampaignQueries {

  private final KafkaStreams streams;

  public CampaignQueries(KafkaStreams streams) {
    this.streams = streams;
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
    return streams.store(
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
  }

  /** The campaign with this id. */
  public Optional<Campaign> byId(String id) {
    return Optional.ofNullable(this.<Campaign>store(CampaignStores.CAMPAIGNS).get(id));
  }

  /** Every campaign. */
  public List<Campaign> all() {
    List<Campaign> out = new ArrayList<>();
    try (KeyValueIterator<String, Campaign> it =
        this.<Campaign>store(CampaignStores.CAMPAIGNS).all()) {
      it.forEachRemaining(
          kv -> {
            if (kv.value != null) {
              out.add(kv.value);
            }
          });
    }
    return out;
  }

  /** The campaign's audit trail, one stored line after the other. */
  public Optional<AuditTrail> auditTrail(String id) {
    List<AuditTrail.Line> lines = new ArrayList<>();
    try (KeyValueIterator<String, AuditTrail.Line> it =
        this.<AuditTrail.Line>store(CampaignStores.AUDIT_LINES)
            .range(CampaignStores.lineKey(id, 0), CampaignStores.afterLines(id))) {
      it.forEachRemaining(kv -> lines.add(kv.value));
    }
    return lines.isEmpty() ? Optional.empty() : Optional.of(new AuditTrail(lines));
  }
}
