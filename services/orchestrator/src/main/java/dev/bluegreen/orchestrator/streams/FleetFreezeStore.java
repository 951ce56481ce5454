package dev.bluegreen.orchestrator.streams;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.events.FleetFreeze;
import dev.bluegreen.contracts.events.Freeze;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jboss.logging.Logger;

/**
 * The fleet's freezes as every orchestrator instance sees them: a global store (a full copy on each
 * instance) of {@code fleet.freezes.v1}, freeze id → the latest record's data as on the wire. The
 * raw bytes are kept, so restoring the store from the topic (which bypasses the updater) stores
 * exactly what the updater would; records that do not decode are skipped when read.
 */
public final class FleetFreezeStore {

  /** The global store's name. */
  public static final String NAME = "fleet-freezes";

  private static final Logger LOG = Logger.getLogger(FleetFreezeStore.class);
  private static final ObjectMapper JSON = CloudEventCodec.newObjectMapper();

  private FleetFreezeStore() {}

  /** Every freeze in the store, lifted and ended ones included, by start then id. */
  public static List<FleetFreeze> all(ReadOnlyKeyValueStore<String, byte[]> store) {
    List<FleetFreeze> out = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      it.forEachRemaining(
          kv -> {
            FleetFreeze f = decode(kv.key, kv.value);
            if (f != null) {
              out.add(f);
            }
          });
    }
    out.sort(Comparator.comparing(FleetFreeze::from).thenComparing(FleetFreeze::freezeId));
    return out;
  }

  /** The freezes that hold upgrades at or after {@code at}: not lifted, not ended. */
  public static List<Freeze> standing(ReadOnlyKeyValueStore<String, byte[]> store, Instant at) {
    return all(store).stream()
        .filter(f -> !f.lifted() && at.isBefore(f.to()))
        .map(FleetFreeze::asFreeze)
        .toList();
  }

  private static FleetFreeze decode(String key, byte[] value) {
    if (value == null) {
      return null;
    }
    try {
      FleetFreeze f = JSON.readValue(value, FleetFreeze.class);
      if (f.freezeId() == null || f.from() == null || f.to() == null || !key.equals(f.freezeId())) {
        LOG.warnf("fleet freeze record %s is not a freeze of that id: skipped", key);
        return null;
      }
      return f;
    } catch (IOException e) {
      LOG.warnf("fleet freeze record %s does not decode: skipped (%s)", key, e.getMessage());
      return null;
    }
  }

  /** Keeps the latest record of each freeze id: the global store's updater. */
  static final class Updater implements Processor<String, byte[], Void, Void> {
    private KeyValueStore<String, byte[]> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = context.getStateStore(NAME);
    }

    @Override
    public void process(Record<String, byte[]> record) {
      if (record.key() != null) {
        store.put(record.key(), record.value());
      }
    }
  }
}
