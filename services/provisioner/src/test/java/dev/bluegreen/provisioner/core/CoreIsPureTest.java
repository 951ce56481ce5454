package dev.bluegreen.provisioner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** core/ is pure: no cloud, messaging, Kafka, SDK or Quarkus (docs/services.md). */
class CoreIsPureTest {

  private static final List<String> FORBIDDEN =
      List.of(
          "import dev.bluegreen.provisioner.cloud",
          "import dev.bluegreen.provisioner.messaging",
          "import dev.bluegreen.provisioner.config",
          "import dev.bluegreen.messaging",
          "import dev.bluegreen.cloud",
          "import org.apache.kafka",
          "import software.amazon",
          "import io.quarkus",
          "import io.smallrye",
          "import jakarta");

  @Test
  void coreImportsNoInfrastructure() throws IOException {
    Path core = Path.of("src/main/java/dev/bluegreen/provisioner/core");
    try (Stream<Path> files = Files.walk(core)) {
      List<String> offences =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .flatMap(
                  p -> {
                    try {
                      return Files.readAllLines(p).stream()
                          .filter(l -> FORBIDDEN.stream().anyMatch(l::startsWith))
                          .map(l -> p.getFileName() + ": " + l);
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .toList();
      assertEquals(List.of(), offences);
    }
  }
}
