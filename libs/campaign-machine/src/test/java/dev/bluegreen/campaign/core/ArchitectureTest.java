package dev.bluegreen.campaign.core;

import dev.bluegreen.architecture.PureCores;
import org.junit.jupiter.api.Test;

/** The rules of libs/architecture-rules: the campaign machine core is pure. */
class ArchitectureTest {

  @Test
  void coreIsPure() {
    PureCores.check();
  }
}
