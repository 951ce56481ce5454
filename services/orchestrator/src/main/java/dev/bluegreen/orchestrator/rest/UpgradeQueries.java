package dev.bluegreen.orchestrator.rest;

import dev.bluegreen.orchestrator.streams.AuditTrail;
import dev.bluegreen.orchestrator.streams.UpgradeStores;
import dev.bluegreen.upgrade.core.UpgradeStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads for the GET endpoints, from this instance's state stores (interactive queries). With one
 * instance every partition is local; with several, what is not here is asked of the others by
 * {@link PeerReads}.
 */
@ApplicationScoped
public class UpgradeQueries {

  private final KafkaStreams streams;

  public UpgradeQueries(KafkaStreams streams) {
    this.streams = streams;
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
    return streams.store(
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
  }

  /** The upgrade with this id. */
  public Optional<UpgradeStatus> byId(String upgradeId) {
    return Optional.ofNullable(this.<UpgradeStatus>store(UpgradeStores.BY_ID).get(upgradeId));
  }

  /** Every upgrade that matches. */
  public List<UpgradeStatus> all(Predicate<UpgradeStatus> matching) {
    List<UpgradeStatus> out = new ArrayList<>();
    try (KeyValueIterator<String, UpgradeStatus> it =
        this.<UpgradeStatus>store(UpgradeStores.BY_ID).all()) {
      it.forEachRemaining(
          kv -> {
            if (kv.value != null && matching.test(kv.value)) {
              out.add(kv.value);
            }
          });
    }
    return out;
  }

  /** The upgrade's audit trail. */
  public Optional<AuditTrail> auditTrail(String upgradeId) {
    return Optional.ofNullable(this.<AuditTrail>store(UpgradeStores.AUDIT).get(upgradeId));
  }
}
