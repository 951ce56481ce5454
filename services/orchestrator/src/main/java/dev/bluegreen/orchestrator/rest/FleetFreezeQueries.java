package dev.bluegreen.orchestrator.rest;

import dev.bluegreen.contracts.events.FleetFreeze;
import dev.bluegreen.contracts.events.Freeze;
import dev.bluegreen.orchestrator.streams.FleetFreezeStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the fleet's freezes from this instance's global store (every instance holds them all), for
 * the freeze API, the campaign plan and the campaign view: the same freezes the upgrades are told.
 */
@ApplicationScoped
public class FleetFreezeQueries {

  private final KafkaStreams streams;

  public FleetFreezeQueries(KafkaStreams streams) {
    this.streams = streams;
  }

  /** Every freeze, lifted and ended ones included. */
  public List<FleetFreeze> all() {
    return FleetFreezeStore.all(store());
  }

  /** The freeze with this id, however it stands. */
  public Optional<FleetFreeze> byId(String id) {
    return all().stream().filter(f -> f.freezeId().equals(id)).findFirst();
  }

  /** The freezes that hold disruptive work at or after {@code now}, as upgrades are told them. */
  public List<Freeze> standing(Instant now) {
    return FleetFreezeStore.standing(store(), now);
  }

  private ReadOnlyKeyValueStore<String, byte[]> store() {
    return streams.store(
        StoreQueryParameters.fromNameAndType(
            FleetFreezeStore.NAME, QueryableStoreTypes.<String, byte[]>keyValueStore()));
  }
}
