package dev.bluegreen.upgrade.core;

import dev.bluegreen.architecture.PureCores;
import org.junit.jupiter.api.Test;

/**
 * The rules of libs/architecture-rules: the upgrade machine core is pure (docs/architecture.md).
 */
class ArchitectureTest {

  @Test
  void coreIsPure() {
    PureCores.check();
  }
}
