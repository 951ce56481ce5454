package dev.bluegreen.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The platform's own settings all start with {@code bluegreen.} (env {@code BLUEGREEN_}): every
 * {@code @ConfigMapping} prefix, and every key of a service's application.properties that is not a
 * framework's. A setting under another name is silently ignored once its mapping has moved.
 */
class ConfigurationPrefixTest {

  private static final Path ROOT = ServiceProperties.ROOT;
  private static final Pattern PREFIX = Pattern.compile("@ConfigMapping\\(prefix = \"([^\"]*)\"");

  /** Namespaces owned by the frameworks the services configure. */
  private static final List<String> FRAMEWORKS =
      List.of("quarkus.", "mp.", "kafka.", "kafka-streams.", "smallrye.");

  @Test
  void everyConfigMapping_isUnderBluegreen() throws IOException {
    List<String> prefixes = new ArrayList<>();
    List<String> outside = new ArrayList<>();
    for (Path dir : List.of(ROOT.resolve("services"), ROOT.resolve("libs"))) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher m = PREFIX.matcher(Files.readString(file));
          while (m.find()) {
            prefixes.add(m.group(1));
            if (!m.group(1).startsWith("bluegreen.")) {
              outside.add(ROOT.relativize(file) + ": " + m.group(1));
            }
          }
        }
      }
    }
    assertFalse(prefixes.isEmpty(), "no @ConfigMapping found under " + ROOT);
    assertEquals(List.of(), outside, "config mappings outside bluegreen.*");
  }

  @Test
  void everyServiceSetting_isUnderBluegreenOrAFrameworks() throws IOException {
    List<String> outside = new ArrayList<>();
    for (Map.Entry<String, Properties> service : ServiceProperties.all().entrySet()) {
      for (String key : service.getValue().stringPropertyNames()) {
        String name = key.replaceFirst("^%[^.]+\\.", "");
        if (!name.startsWith("bluegreen.") && FRAMEWORKS.stream().noneMatch(name::startsWith)) {
          outside.add(service.getKey() + ": " + key);
        }
      }
    }
    assertEquals(List.of(), outside, "settings neither bluegreen.* nor a framework's");
  }
}
