package dev.bluegreen.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.Topics;
import dev.bluegreen.testkit.EventProbe;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerExtension;
import dev.bluegreen.timeline.AuditLine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reader takes exactly the selected history off a real broker, skipping what it cannot read.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditReaderIT {

  // Decisions lie in the past, as in real life: records are appended after the decision, so the
  // reader's seek by record time never skips an entry decided at or after --from.
  private static final Instant T0 =
      Instant.now()
          .minus(java.time.Duration.ofDays(2))
          .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
  private AuditReader reader;
  private History first;

  @BeforeAll
  void recordHistories(KafkaBroker broker, EventProbe probe) {
    first = History.rolledBack("upg-r1", "orders-prod", T0);
    History second = History.rolledBack("upg-r2", "search-prod", T0.plusSeconds(3600));
    first.events.forEach(probe::publish);
    RecordHeaders junk = new RecordHeaders();
    junk.add("ce_type", "dev.bluegreen.Gibberish.v1".getBytes(StandardCharsets.UTF_8));
    probe.publishRaw(
        Topics.AUDIT.name(), "orders-prod", junk, "?".getBytes(StandardCharsets.UTF_8));
    second.events.forEach(probe::publish);
    reader = new AuditReader(broker.bootstrapServers());
  }

  @Test
  void byUpgrade_readsThatUpgradesWholeHistoryInOrder() {
    var result = reader.read(new AuditReader.Selection("upg-r1", null, null, null));
    assertEquals(first.lines(), result.lines());
  }

  @Test
  void byCluster_skipsOtherClusters_andCountsTheUnreadable() {
    var result = reader.read(new AuditReader.Selection(null, "orders-prod", null, null));
    assertEquals(Set.of("upg-r1"), upgrades(result.lines()));
    assertEquals(1, result.unreadable());
  }

  @Test
  void byTimeRange_keepsOnlyEntriesInside() {
    Instant from = T0.plusSeconds(3600);
    var result =
        reader.read(new AuditReader.Selection(null, null, from, from.plusSeconds(20 * 60)));
    assertEquals(Set.of("upg-r2"), upgrades(result.lines()));
    assertTrue(result.lines().stream().allMatch(l -> !l.at().isBefore(from)));
    assertTrue(result.lines().size() < first.events.size());
  }

  private static Set<String> upgrades(List<AuditLine> lines) {
    return lines.stream().map(AuditLine::upgradeId).collect(Collectors.toSet());
  }
}
