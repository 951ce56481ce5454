package dev.bluegreen.decommissioner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/services.md: core may not import cloud, messaging, Kafka, the SDK or Quarkus. */
class CoreIsPureTest {
  private static final List<String> FORBIDDEN =
      List.of(
          "import dev.bluegreen.decommissioner.cloud",
          "import dev.bluegreen.decommissioner.messaging",
          "import dev.bluegreen.decommissioner.config",
          "import dev.bluegreen.messaging",
          "import org.apache.kafka",
          "import software.amazon",
          "import io.fabric8",
          "import io.quarkus",
          "import jakarta",
          "import java.time.Clock",
          "import java.net",
          "import java.io",
          "import java.nio");

  @Test
  void coreImportsNoInfrastructure() throws IOException {
    Path core = Path.of("src/main/java/dev/bluegreen/decommissioner/core");
    try (Stream<Path> files = Files.list(core)) {
      List<String> offending =
          files
              .flatMap(f -> lines(f).stream().map(l -> f.getFileName() + ": " + l))
              .filter(l -> FORBIDDEN.stream().anyMatch(l::contains))
              .toList();
      assertEquals(List.of(), offending);
    }
  }

  private static List<String> lines(Path f) {
    try {
      return Files.readAllLines(f);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
