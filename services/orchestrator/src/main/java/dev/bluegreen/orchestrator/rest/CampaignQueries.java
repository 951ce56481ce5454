package dev.bluegreen.orchestrator.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.bluegreen.campaign.core.Campaign;
import dev.bluegreen.orchestrator.streams.AuditTrail;
import dev.bluegreen.orchestrator.streams.CampaignStorage;
import dev.bluegreen.orchestrator.streams.CampaignStores;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads of campaigns. A campaign lives with the partition of its id, in one instance's state
 * stores; a read this instance cannot answer from its own stores is asked of the other instances
 * ({@link PeerReads}, {@code ?scope=local}), as upgrade reads are. The {@code local*} reads answer
 * those questions: this instance's stores only.
 */
@ApplicationScoped
public class CampaignQueries {

  private static final TypeReference<List<Campaign>> CAMPAIGNS = new TypeReference<>() {};

  private final KafkaStreams streams;
  private final PeerReads peers;

  public CampaignQueries(KafkaStreams streams, PeerReads peers) {
    this.streams = streams;
    this.peers = peers;
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
    return streams.store(
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
  }

  /** The campaign with this id, wherever it lives. */
  public Optional<Campaign> byId(String id) {
    return localById(id)
        .or(() -> peers.first("/campaigns/" + encode(id) + "/stored?scope=local", Campaign.class));
  }

  /** The campaign with this id, if this instance holds it. */
  public Optional<Campaign> localById(String id) {
    return Optional.ofNullable(
        CampaignStorage.read(
            store(CampaignStores.CAMPAIGNS),
            store(CampaignStores.SPECS),
            store(CampaignStores.MEMBERS),
            id));
  }

  /** Every campaign, of every instance (one that cannot be asked is logged and left out). */
  public List<Campaign> all() {
    List<Campaign> out = new ArrayList<>(localAll());
    out.addAll(peers.all("/campaigns/stored?scope=local", CAMPAIGNS));
    return out;
  }

  /** Every campaign this instance holds. */
  public List<Campaign> localAll() {
    List<String> ids = new ArrayList<>();
    try (KeyValueIterator<String, Campaign> it =
        this.<Campaign>store(CampaignStores.CAMPAIGNS).all()) {
      it.forEachRemaining(
          kv -> {
            if (kv.value != null) {
              ids.add(kv.key);
            }
          });
    }
    List<Campaign> out = new ArrayList<>();
    for (String id : ids) {
      localById(id).ifPresent(out::add);
    }
    return out;
  }

  /** The campaign's audit trail, wherever it lives. */
  public Optional<AuditTrail> auditTrail(String id) {
    return localAuditTrail(id)
        .or(
            () ->
                peers
                    .first(
                        "/campaigns/" + encode(id) + "/events?scope=local", AuditTrail.Line[].class)
                    .map(lines -> new AuditTrail(List.of(lines))));
  }

  /** The campaign's audit trail, if this instance holds it: one stored line after the other. */
  public Optional<AuditTrail> localAuditTrail(String id) {
    List<AuditTrail.Line> lines = new ArrayList<>();
    try (KeyValueIterator<String, AuditTrail.Line> it =
        this.<AuditTrail.Line>store(CampaignStores.AUDIT_LINES)
            .range(CampaignStores.lineKey(id, 0), CampaignStores.afterLines(id))) {
      it.forEachRemaining(kv -> lines.add(kv.value));
    }
    return lines.isEmpty() ? Optional.empty() : Optional.of(new AuditTrail(lines));
  }

  private static String encode(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8);
  }
}
