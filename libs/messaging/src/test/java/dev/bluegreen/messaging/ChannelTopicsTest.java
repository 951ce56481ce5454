package dev.bluegreen.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.TopicSpec;
import dev.bluegreen.contracts.Topics;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Kafka channel a service declares reads or writes a catalog topic, resolved as at run time:
 * the service's application.properties and {@link ChannelTopics}, and no topic name of its own.
 */
class ChannelTopicsTest {

  private static final Path SERVICES = Path.of("../../services").toAbsolutePath().normalize();
  private static final Pattern CHANNEL =
      Pattern.compile("^mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.connector$");

  @Test
  void everyServiceChannel_resolvesToItsCatalogTopic() throws IOException {
    Map<String, String> resolved = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (Path file : serviceProperties()) {
      SmallRyeConfig config =
          new SmallRyeConfigBuilder()
              .withSources(new PropertiesConfigSource(file.toUri().toURL(), 250))
              .withSources(new ChannelTopics())
              .build();
      String service = config.getValue("quarkus.application.name", String.class);
      for (String name : config.getPropertyNames()) {
        Matcher m = CHANNEL.matcher(name);
        if (!m.matches() || !"smallrye-kafka".equals(config.getRawValue(name))) {
          continue;
        }
        String channel = m.group(1) + "." + m.group(2);
        String key = ChannelTopics.key(channel);
        TopicSpec expected = ChannelTopics.BY_SERVICE.getOrDefault(service, Map.of()).get(channel);
        String topic = config.getConfigValue(key).getValue();
        if (expected == null || !expected.name().equals(topic)) {
          problems.add(service + " " + channel + " -> " + topic);
        } else if (!sourceOf(config, key).contains(ChannelTopics.class.getSimpleName())) {
          problems.add(
              service + " " + channel + " names its topic itself: " + sourceOf(config, key));
        }
        resolved.put(service + " " + channel, topic);
      }
    }
    assertFalse(resolved.isEmpty(), "no Kafka channel found under " + SERVICES);
    assertEquals(List.of(), problems, "channels not on their catalog topic: " + resolved);
    assertEquals(Topics.PROVISIONER_COMMANDS.name(), resolved.get("provisioner incoming.commands"));
    assertEquals(Topics.AUDIT.name(), resolved.get("notifier incoming.audit"));
  }

  @Test
  void everyChannelInTheTable_isDeclaredByItsService() throws IOException {
    Map<String, List<String>> declared = new TreeMap<>();
    for (Path file : serviceProperties()) {
      SmallRyeConfig config =
          new SmallRyeConfigBuilder()
              .withSources(new PropertiesConfigSource(file.toUri().toURL(), 250))
              .build();
      List<String> channels = new ArrayList<>();
      for (String name : config.getPropertyNames()) {
        Matcher m = CHANNEL.matcher(name);
        if (m.matches()) {
          channels.add(m.group(1) + "." + m.group(2));
        }
      }
      declared.put(config.getValue("quarkus.application.name", String.class), channels);
    }
    ChannelTopics.BY_SERVICE.forEach(
        (service, channels) ->
            assertTrue(
                declared.getOrDefault(service, List.of()).containsAll(channels.keySet()),
                service + " declares " + declared.get(service) + ", the table " + channels));
  }

  @Test
  void aServiceSetting_winsOverTheCatalogDefault() {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withSources(
                new PropertiesConfigSource(
                    Map.of(
                        "quarkus.application.name", "deployer",
                        "mp.messaging.outgoing.events.topic", "elsewhere.v1"),
                    "application.properties",
                    250))
            .withSources(new ChannelTopics())
            .build();

    assertEquals(
        Topics.DEPLOYER_COMMANDS.name(),
        config.getValue("mp.messaging.incoming.commands.topic", String.class));
    assertEquals(
        "elsewhere.v1", config.getValue("mp.messaging.outgoing.events.topic", String.class));
  }

  @Test
  void anUnknownApplication_getsNoTopics() {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withSources(
                new PropertiesConfigSource(
                    Map.of("quarkus.application.name", "someone-else"), "app", 250))
            .withSources(new ChannelTopics())
            .build();

    assertFalse(
        config.getOptionalValue("mp.messaging.incoming.commands.topic", String.class).isPresent());
  }

  private static String sourceOf(SmallRyeConfig config, String key) {
    return config.getConfigValue(key).getConfigSourceName();
  }

  private static List<Path> serviceProperties() throws IOException {
    try (Stream<Path> services = Files.list(SERVICES)) {
      return services
          .map(s -> s.resolve("src/main/resources/application.properties"))
          .filter(Files::exists)
          .sorted()
          .toList();
    }
  }
}
