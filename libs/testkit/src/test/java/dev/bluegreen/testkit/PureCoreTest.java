package dev.bluegreen.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PureCoreTest {

  @TempDir Path root;

  private void source(String name, String body) throws IOException {
    Path dir = root.resolve("dev/bluegreen/svc/core");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(name), "package dev.bluegreen.svc.core;\n" + body);
  }

  @Test
  void aCoreUsingOnlyContractsAndItselfIsPure() throws IOException {
    source(
        "Plan.java",
        """
        import dev.bluegreen.contracts.events.Phase;
        import dev.bluegreen.svc.core.Other;
        import java.time.Instant;
        class Plan { Instant at(Instant now) { return now; } }
        """);
    PureCore.assertPure(root, "dev.bluegreen.svc.core");
  }

  @Test
  void infrastructureAnAdapterOfItsOwnServiceOrTheWallClockIsNamed() throws IOException {
    source("A.java", "import org.apache.kafka.clients.producer.Producer;\nclass A {}\n");
    source("B.java", "import dev.bluegreen.svc.cloud.Eks;\nclass B {}\n");
    source("C.java", "class C { Object t = java.time.Instant.now(); }\n");
    AssertionError e =
        assertThrows(
            AssertionError.class, () -> PureCore.assertPure(root, "dev.bluegreen.svc.core"));
    assertTrue(e.getMessage().contains("A.java:2 import org.apache.kafka"), e.getMessage());
    assertTrue(
        e.getMessage().contains("B.java:2 import dev.bluegreen.svc.cloud.Eks"), e.getMessage());
    assertTrue(e.getMessage().contains("C.java:2"), e.getMessage());
  }

  @Test
  void aModuleMayForbidMore() throws IOException {
    source("D.java", "import java.nio.file.Path;\nclass D {}\n");
    PureCore.assertPure(root, "dev.bluegreen.svc.core");
    assertThrows(
        AssertionError.class,
        () -> PureCore.assertPure(root, "dev.bluegreen.svc.core", "import java.nio"));
  }

  @Test
  void anEmptyOrMissingCoreIsAnError_notAPass() {
    assertThrows(Throwable.class, () -> PureCore.assertPure(root, "dev.bluegreen.svc.core"));
  }
}
