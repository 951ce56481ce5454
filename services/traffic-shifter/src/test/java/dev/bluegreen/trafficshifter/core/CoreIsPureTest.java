package dev.bluegreen.trafficshifter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** core/ may not import cloud, messaging, Kafka, the SDK or Quarkus (docs/services.md). */
class CoreIsPureTest {

  static final List<String> FORBIDDEN =
      List.of(
          "import dev.bluegreen.trafficshifter.cloud",
          "import dev.bluegreen.trafficshifter.messaging",
          "import dev.bluegreen.trafficshifter.config",
          "import dev.bluegreen.messaging",
          "import dev.bluegreen.cloud",
          "import org.apache.kafka",
          "import software.amazon",
          "import io.quarkus",
          "import io.smallrye",
          "import jakarta",
          "import java.time.Clock");

  @Test
  void coreImportsNoInfrastructure() throws IOException {
    Path core = Path.of("src/main/java/dev/bluegreen/trafficshifter/core");
    List<String> offences;
    try (Stream<Path> files = Files.walk(core)) {
      offences =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .flatMap(
                  f -> {
                    try {
                      return Files.readAllLines(f).stream()
                          .filter(l -> FORBIDDEN.stream().anyMatch(l::startsWith))
                          .map(l -> f.getFileName() + ": " + l);
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .toList();
    }
    assertEquals(List.of(), offences);
  }
}
