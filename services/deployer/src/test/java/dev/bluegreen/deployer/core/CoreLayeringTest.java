package dev.bluegreen.deployer.core;

import dev.bluegreen.testkit.PureCore;
import org.junit.jupiter.api.Test;

/** core/ is pure: it may not import infrastructure (docs/services.md). */
class CoreLayeringTest {

  @Test
  void core_importsNoInfrastructure() {
    PureCore.assertPure("dev.bluegreen.deployer.core");
  }
}
