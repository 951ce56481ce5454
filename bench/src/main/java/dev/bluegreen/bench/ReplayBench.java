package dev.bluegreen.bench;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.events.Cause;
import dev.bluegreen.contracts.events.CommandRef;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import dev.bluegreen.replay.AuditReader;
import dev.bluegreen.replay.Timeline;
import dev.bluegreen.testkit.KafkaBroker;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Replay: audit entries per second read from Kafka, decoded, validated and built into timelines.
 */
final class ReplayBench {

  private static final UpgradeState[] PATH = {
    UpgradeState.REQUESTED, UpgradeState.PREFLIGHT, UpgradeState.PROVISIONING,
        UpgradeState.DEPLOYING,
    UpgradeState.VERIFYING, UpgradeState.SHIFTING, UpgradeState.HANDOVER, UpgradeState.SOAKING,
    UpgradeState.DECOMMISSIONING, UpgradeState.COMPLETED
  };

  private ReplayBench() {}

  /** Writes {@code count} audit entries: upgrades of many clusters walking the happy path. */
  static void fillAudit(KafkaBroker broker, int count) throws Exception {
    Properties props = broker.clientProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    CloudEventCodec codec = new CloudEventCodec();
    Instant t0 = Instant.now().minusSeconds(86_400);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      for (int i = 0; i < count; i++) {
        int upgrade = i / PATH.length;
        int step = i % PATH.length;
        String upgradeId = "upg-" + upgrade;
        Instant at = t0.plusSeconds(upgrade + step * 60L);
        var entry =
            new UpgradeTransitioned(
                upgradeId,
                "cluster-" + (upgrade % 5_000),
                step == 0 ? null : PATH[step - 1],
                PATH[step],
                new Cause("cause-" + i, "dev.bluegreen.PhaseProgressed.v1"),
                "provisioner",
                "moved on",
                at,
                1,
                null,
                List.of(
                    new CommandRef(
                        "dev.bluegreen.DeployWorkloads.v1",
                        upgradeId + ":" + step + ":DeployWorkloads")),
                null,
                null,
                null,
                null);
        producer.send(codec.toRecord(CloudEvent.of("/bench", entry, at)));
      }
      producer.flush();
    }
  }

  /** Reads the whole audit topic and builds every timeline; returns entries per second. */
  static double replay(KafkaBroker broker, int expected) {
    long start = System.nanoTime();
    AuditReader.Result result =
        new AuditReader(broker.bootstrapServers()).read(AuditReader.Selection.all());
    List<Timeline> timelines = Timeline.byUpgrade(result.lines());
    double seconds = (System.nanoTime() - start) / 1e9;
    if (result.lines().size() != expected || timelines.isEmpty()) {
      throw new IllegalStateException("replayed " + result.lines().size() + " of " + expected);
    }
    return result.lines().size() / seconds;
  }
}
