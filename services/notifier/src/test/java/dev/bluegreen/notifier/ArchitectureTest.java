package dev.bluegreen.notifier;

import dev.bluegreen.architecture.PureCores;
import org.junit.jupiter.api.Test;

/** The rules of libs/architecture-rules: notifier/core is pure (docs/architecture.md). */
class ArchitectureTest {

  @Test
  void coreIsPure() {
    // No JSON library either: the adapters turn messages into JSON.
    PureCores.check("com.fasterxml..");
  }
}
