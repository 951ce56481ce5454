package dev.bluegreen.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Every service's src/main/resources/application.properties, by service, for whole-platform checks.
 */
final class ServiceProperties {

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private ServiceProperties() {}

  /** Service directory name to its application.properties, in name order. */
  static Map<String, Properties> all() throws IOException {
    Map<String, Properties> all = new LinkedHashMap<>();
    try (Stream<Path> services = Files.list(ROOT.resolve("services"))) {
      for (Path service : services.sorted().toList()) {
        Path file = service.resolve("src/main/resources/application.properties");
        if (!Files.exists(file)) {
          continue;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
          p.load(r);
        }
        all.put(service.getFileName().toString(), p);
      }
    }
    return all;
  }
}
