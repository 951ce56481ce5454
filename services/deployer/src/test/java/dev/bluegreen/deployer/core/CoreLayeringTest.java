package dev.bluegreen.deployer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** core/ is pure: it may not import infrastructure (docs/services.md). */
class CoreLayeringTest {
  private static final List<String> FORBIDDEN =
      List.of(
          "import dev.bluegreen.deployer.cloud",
          "import dev.bluegreen.deployer.messaging",
          "import dev.bluegreen.deployer.config",
          "import dev.bluegreen.messaging",
          "import org.apache.kafka",
          "import software.amazon",
          "import io.fabric8",
          "import io.quarkus",
          "import jakarta",
          "import java.time.Clock");

  @Test
  void core_importsNoInfrastructure() throws IOException {
    Path core = Path.of("src/main/java/dev/bluegreen/deployer/core");
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
