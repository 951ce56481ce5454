package dev.bluegreen.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The layering rule every service keeps (docs/services.md): its pure core decides, thin adapters do
 * the I/O. A core that imports Kafka, the AWS SDK, Quarkus or one of its own service's adapters, or
 * reads the wall clock, has let infrastructure in, and its decisions can no longer be tested (or
 * replayed) on their own. This reads the core's sources as text, which is all the rule needs.
 */
public final class PureCore {

  /** What no pure core may use, whichever service it belongs to. */
  public static final List<String> INFRASTRUCTURE =
      List.of(
          "import org.apache.kafka",
          "import software.amazon",
          "import io.fabric8",
          "import io.quarkus",
          "import io.smallrye",
          "import jakarta.",
          "import org.eclipse.microprofile",
          "import org.jboss",
          "import java.net.http",
          "import dev.bluegreen.messaging",
          "import dev.bluegreen.cloud",
          "import java.time.Clock",
          "Instant.now(",
          "System.currentTimeMillis");

  private PureCore() {}

  /**
   * Fails unless the sources of {@code corePackage} (under {@code src/main/java} of the module the
   * test runs in) use none of {@link #INFRASTRUCTURE}, none of {@code alsoForbidden}, and nothing
   * else of their own service: a core of {@code dev.bluegreen.deployer.core} may import {@code
   * dev.bluegreen.deployer.core.*} but not {@code dev.bluegreen.deployer.cloud.*}.
   */
  public static void assertPure(String corePackage, String... alsoForbidden) {
    assertPure(Path.of("src/main/java"), corePackage, alsoForbidden);
  }

  /** As {@link #assertPure(String, String...)}, for sources under {@code sourceRoot}. */
  public static void assertPure(Path sourceRoot, String corePackage, String... alsoForbidden) {
    Path dir = sourceRoot.resolve(corePackage.replace('.', '/'));
    String service = corePackage.substring(0, corePackage.lastIndexOf('.'));
    List<String> forbidden = new ArrayList<>(INFRASTRUCTURE);
    forbidden.addAll(List.of(alsoForbidden));
    forbidden.add("import " + service + ".");
    String allowed = "import " + corePackage + ".";
    List<Path> sources;
    try (Stream<Path> files = Files.walk(dir)) {
      sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.toAbsolutePath(), e);
    }
    assertFalse(sources.isEmpty(), "no sources in " + dir.toAbsolutePath());
    List<String> offences = new ArrayList<>();
    for (Path source : sources) {
      List<String> lines = read(source);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).trim();
        if (line.startsWith(allowed)) {
          continue;
        }
        for (String bad : forbidden) {
          if (bad.startsWith("import ") ? line.startsWith(bad) : line.contains(bad)) {
            offences.add(dir.relativize(source) + ":" + (i + 1) + " " + line);
            break;
          }
        }
      }
    }
    assertEquals(List.of(), offences, corePackage + " must not use infrastructure");
  }

  private static List<String> read(Path source) {
    try {
      return Files.readAllLines(source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
