package dev.bluegreen.orchestrator.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bluegreen.contracts.TopicSpec;
import dev.bluegreen.upgrade.core.PhaseTimeouts;
import dev.bluegreen.upgrade.core.UpgradeDecider;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** Kafka Streams waits for the topics the topology reads, named by the catalog, not by a file. */
class StreamsStartTopicsTest {

  @Test
  void inputs_areTheTopicsTheTopologyReads() {
    TreeSet<String> sources = new TreeSet<>();
    for (TopologyDescription.Subtopology sub :
        UpgradeTopology.build(
                new UpgradeDecider(PhaseTimeouts.defaults()), Duration.ofSeconds(1), "t")
            .describe()
            .subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Source source) {
          sources.addAll(source.topicSet());
        }
      }
    }
    assertEquals(
        sources, new TreeSet<>(UpgradeTopology.INPUTS.stream().map(TopicSpec::name).toList()));
  }

  @Test
  void applicationProperties_nameNoTopic_theRegisteredCatalogSourceSuppliesThem()
      throws IOException {
    Properties file = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
      file.load(in);
    }
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(file, "application.properties", 250))
            .addDiscoveredSources()
            .build();

    assertEquals(
        List.of(
            "upgrade.requests.v1",
            "upgrade.events.v1",
            "campaign.requests.v1",
            "campaign.members.v1",
            "fleet.freezes.v1"),
        List.of(config.getValue(StreamsStartTopics.KEY, String.class).split(",")));
    assertEquals(
        StreamsStartTopics.class.getSimpleName(),
        config.getConfigValue(StreamsStartTopics.KEY).getSourceName());
  }
}
