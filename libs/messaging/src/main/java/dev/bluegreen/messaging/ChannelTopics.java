package dev.bluegreen.messaging;

import dev.bluegreen.contracts.TopicSpec;
import dev.bluegreen.contracts.Topics;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The topic of each Kafka channel of each service, from the {@link Topics} catalog: supplies {@code
 * mp.messaging.<direction>.<channel>.topic} for the service named by {@code
 * quarkus.application.name}, so no application.properties repeats a topic name. Registered in
 * {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}; its ordinal (100) is that of a
 * library default, so a service's own setting, a system property or an environment variable still
 * wins.
 */
public final class ChannelTopics implements ConfigSourceFactory {

  /** The ordinal of library defaults (META-INF/microprofile-config.properties). */
  static final int ORDINAL = 100;

  /** Per service: its channels ({@code incoming.commands}) and the topic each reads or writes. */
  static final Map<String, Map<String, TopicSpec>> BY_SERVICE =
      Map.of(
          "provisioner",
          phaseService(Topics.PROVISIONER_COMMANDS),
          "deployer",
          phaseService(Topics.DEPLOYER_COMMANDS),
          "traffic-shifter",
          phaseService(Topics.TRAFFIC_SHIFTER_COMMANDS),
          "decommissioner",
          phaseService(Topics.DECOMMISSIONER_COMMANDS),
          // Dead letters go out on `events`; each record names its topic, this is the default.
          "notifier",
          Map.of(
              "incoming.audit", Topics.AUDIT,
              "incoming.campaign-audit", Topics.CAMPAIGN_AUDIT,
              "incoming.fleet-freezes", Topics.FLEET_FREEZES,
              "outgoing.events", Topics.DEAD_LETTER));

  /**
   * A phase service reads its commands ({@link CommandInbox}), writes facts ({@link
   * EmitterEventSink}).
   */
  private static Map<String, TopicSpec> phaseService(TopicSpec commands) {
    return Map.of("incoming.commands", commands, "outgoing.events", Topics.FACTS);
  }

  /** The topic properties of one service's channels; none for a name not in the table. */
  public static Map<String, String> properties(String service) {
    Map<String, String> properties = new LinkedHashMap<>();
    BY_SERVICE
        .getOrDefault(service, Map.of())
        .forEach((channel, topic) -> properties.put(key(channel), topic.name()));
    return properties;
  }

  /** {@code incoming.commands} → {@code mp.messaging.incoming.commands.topic}. */
  static String key(String channel) {
    return "mp.messaging." + channel + ".topic";
  }

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    ConfigValue service = context.getValue("quarkus.application.name");
    if (service == null || service.getValue() == null) {
      return List.of();
    }
    return List.of(
        new PropertiesConfigSource(
            properties(service.getValue()), ChannelTopics.class.getSimpleName(), ORDINAL));
  }
}
