package dev.bluegreen.notifier.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** core/ is pure: no Kafka, no Quarkus, no HTTP, no JSON library, no adapters of this service. */
class CoreIsPureTest {

  private static final List<String> FORBIDDEN =
      List.of(
          "import org.apache.kafka",
          "import io.quarkus",
          "import io.smallrye",
          "import jakarta.",
          "import org.eclipse.microprofile",
          "import java.net.http",
          "import com.fasterxml",
          "import dev.bluegreen.messaging",
          "import dev.bluegreen.notifier.");

  @Test
  void coreImportsNoInfrastructure() throws IOException {
    Path core = Path.of("src/main/java/dev/bluegreen/notifier/core");
    List<Path> sources;
    try (Stream<Path> files = Files.list(core)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertFalse(sources.isEmpty(), "no sources found in " + core.toAbsolutePath());
    for (Path source : sources) {
      List<String> offending =
          Files.readAllLines(source).stream()
              .filter(line -> FORBIDDEN.stream().anyMatch(line::startsWith))
              .filter(line -> !line.startsWith("import dev.bluegreen.notifier.core."))
              .toList();
      assertEquals(List.of(), offending, source.getFileName().toString());
    }
  }
}
