package dev.bluegreen.orchestrator.metrics;

import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.orchestrator.streams.UpgradeStores;
import dev.bluegreen.upgrade.core.UpgradeStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@code bluegreen_upgrades{state}}: how many clusters' latest upgrade is in each state, read from
 * this instance's per-cluster state store (the state machine's own state, restored from its
 * changelog after a restart, so the gauge is right from the first scrape after start). Each
 * instance reports the clusters of its own partitions; {@code sum} over instances is the fleet.
 *
 * <p>Every state is registered up front, so a state with no upgrade reads 0 rather than missing.
 * One scan of the store serves all states of one scrape (it is reused for a second). While the
 * store is not queryable (starting, rebalancing) the last counts stay; before the first successful
 * read the gauges are NaN (unknown), not a false 0.
 */
@ApplicationScoped
public class UpgradeStateGauges {

  /** Gauge: clusters by the state of their latest upgrade. */
  public static final String UPGRADES = "bluegreen_upgrades";

  private static final Duration REUSE = Duration.ofSeconds(1);

  private final KafkaStreams streams;
  private final MeterRegistry registry;
  private Map<UpgradeState, Integer> counts;
  private long readAtNanos;

  public UpgradeStateGauges(KafkaStreams streams, MeterRegistry registry) {
    this.streams = streams;
    this.registry = registry;
  }

  void register(@Observes StartupEvent start) {
    for (UpgradeState state : UpgradeState.values()) {
      Gauge.builder(UPGRADES, this, g -> g.count(state))
          .description("Clusters by the state of their latest upgrade")
          .tag("state", state.name())
          .register(registry);
    }
  }

  synchronized double count(UpgradeState state) {
    if (counts == null || System.nanoTime() - readAtNanos > REUSE.toNanos()) {
      try {
        counts = census(store());
        readAtNanos = System.nanoTime();
      } catch (InvalidStateStoreException notNow) {
        // Starting or rebalancing: keep what we had.
      }
    }
    return counts == null ? Double.NaN : counts.getOrDefault(state, 0);
  }

  private ReadOnlyKeyValueStore<String, UpgradeStatus> store() {
    return streams.store(
        StoreQueryParameters.fromNameAndType(
            UpgradeStores.BY_CLUSTER, QueryableStoreTypes.<String, UpgradeStatus>keyValueStore()));
  }

  /** Counts the statuses in the store by state. */
  static Map<UpgradeState, Integer> census(ReadOnlyKeyValueStore<String, UpgradeStatus> store) {
    Map<UpgradeState, Integer> out = new EnumMap<>(UpgradeState.class);
    try (KeyValueIterator<String, UpgradeStatus> all = store.all()) {
      all.forEachRemaining(
          kv -> {
            if (kv.value != null && kv.value.state() != null) {
              out.merge(kv.value.state(), 1, Integer::sum);
            }
          });
    }
    return out;
  }
}
