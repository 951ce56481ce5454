package dev.bluegreen.cloudsim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The domain core stays pure: it never imports the HTTP server or a protocol adapter. */
class LayeringTest {
  private static final List<String> FORBIDDEN =
      List.of(
          "import dev.bluegreen.cloudsim.http.",
          "import dev.bluegreen.cloudsim.eks.",
          "import dev.bluegreen.cloudsim.elbv2.",
          "import dev.bluegreen.cloudsim.cloudwatch.",
          "import dev.bluegreen.cloudsim.kubernetes.",
          "import com.sun.net.httpserver.");

  @Test
  void coreImportsNoAdapterAndNoServer() throws IOException {
    Path core = Path.of("src/main/java/dev/bluegreen/cloudsim/core");
    try (Stream<Path> files = Files.list(core)) {
      List<String> offenders =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(
                  f -> read(f).lines().anyMatch(l -> FORBIDDEN.stream().anyMatch(l::startsWith)))
              .map(f -> f.getFileName().toString())
              .toList();
      assertEquals(List.of(), offenders);
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
