package dev.bluegreen.orchestrator.streams;

import dev.bluegreen.contracts.TopicSpec;
import dev.bluegreen.contracts.Topics;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies {@code quarkus.kafka-streams.topics} (Kafka Streams starts once these topics exist) from
 * the {@link Topics} catalog, so application.properties names no topic: the topology's {@link
 * UpgradeTopology#INPUTS} and the fleet freezes the API reads. Registered in {@code
 * META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource}; its ordinal (100) is that of
 * a library default, so a setting of the service's own, a system property or an environment
 * variable still wins.
 */
public final class StreamsStartTopics implements ConfigSource {

  static final String KEY = "quarkus.kafka-streams.topics";

  /** The topics, in the catalog's spelling, comma-separated. */
  static String topics() {
    return Stream.concat(UpgradeTopology.INPUTS.stream(), Stream.of(Topics.FLEET_FREEZES))
        .map(TopicSpec::name)
        .collect(Collectors.joining(","));
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(KEY, topics());
  }

  @Override
  public Set<String> getPropertyNames() {
    return Set.of(KEY);
  }

  @Override
  public String getValue(String propertyName) {
    return KEY.equals(propertyName) ? topics() : null;
  }

  @Override
  public String getName() {
    return StreamsStartTopics.class.getSimpleName();
  }

  @Override
  public int getOrdinal() {
    return 100;
  }
}
