package dev.bluegreen.decommissioner;

import dev.bluegreen.architecture.PureCores;
import org.junit.jupiter.api.Test;

/** The rules of libs/architecture-rules: decommissioner/core is pure (docs/architecture.md). */
class ArchitectureTest {

  @Test
  void coreIsPure() {
    // No file or network I/O at all, not even a stream.
    PureCores.check("java.io..", "java.net..", "java.nio..");
  }
}
