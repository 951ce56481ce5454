package dev.bluegreen.orchestrator.domain;

import dev.bluegreen.architecture.PureCores;
import org.junit.jupiter.api.Test;

/** The rules of libs/architecture-rules: orchestrator/domain is pure (docs/architecture.md). */
class ArchitectureTest {

  @Test
  void coreIsPure() {
    PureCores.check();
  }
}
