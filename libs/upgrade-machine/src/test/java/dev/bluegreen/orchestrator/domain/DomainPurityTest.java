package dev.bluegreen.orchestrator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering rule, checked by the build: the domain package imports no infrastructure (Kafka,
 * Quarkus, Jakarta, AWS) and no other orchestrator package, and reads no clock.
 */
class DomainPurityTest {

  private static final List<String> FORBIDDEN =
      List.of(
          "import org.apache.kafka",
          "import io.quarkus",
          "import jakarta.",
          "import software.amazon",
          "import org.jboss",
          "import dev.bluegreen.orchestrator.streams",
          "import dev.bluegreen.orchestrator.rest",
          "import dev.bluegreen.orchestrator.messaging",
          "import dev.bluegreen.orchestrator.cloud",
          "import dev.bluegreen.orchestrator.config",
          "Instant.now(",
          "Clock.",
          "System.currentTimeMillis");

  @Test
  void domain_importsNoInfrastructure_andReadsNoClock() throws IOException {
    Path domain = Path.of("src/main/java/dev/bluegreen/orchestrator/domain");
    List<String> offences = new ArrayList<>();
    try (Stream<Path> files = Files.list(domain)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          for (String bad : FORBIDDEN) {
            if (lines.get(i).contains(bad)) {
              offences.add(file.getFileName() + ":" + (i + 1) + " " + lines.get(i).trim());
            }
          }
        }
      }
    }
    assertEquals(List.of(), offences);
  }
}
