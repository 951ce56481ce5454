package dev.bluegreen.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicReplicationTest {

  @Test
  void unsetEnvironment_isTheSingleNodeLocalRun() {
    assertEquals(TopicReplication.SINGLE_NODE, TopicReplication.fromEnvironment(name -> null));
  }

  @Test
  void environment_givesTheProductionValues() {
    Map<String, String> env =
        Map.of(
            TopicReplication.REPLICATION_FACTOR_ENV, "3",
            TopicReplication.MIN_INSYNC_REPLICAS_ENV, "2");
    assertEquals(TopicReplication.PRODUCTION, TopicReplication.fromEnvironment(env::get));
  }

  @Test
  void minInsyncAboveTheReplicationFactor_isRefused() {
    // Every acks=all write would fail: refuse it when the topics are created, not at the first
    // write.
    assertThrows(IllegalArgumentException.class, () -> new TopicReplication((short) 2, 3));
  }

  @Test
  void brokerConfigs_replicateTheBrokersOwnTopicsAlike() {
    Map<String, String> broker = TopicReplication.PRODUCTION.brokerConfigs();
    assertEquals("3", broker.get("transaction.state.log.replication.factor"));
    assertEquals("2", broker.get("transaction.state.log.min.isr"));
    assertEquals("3", broker.get("offsets.topic.replication.factor"));
    assertEquals("2", broker.get("min.insync.replicas"));
  }
}
