package dev.bluegreen.decommissioner.core;

import dev.bluegreen.testkit.PureCore;
import org.junit.jupiter.api.Test;

/** docs/services.md: core may not import cloud, messaging, Kafka, the SDK or Quarkus. */
class CoreIsPureTest {

  @Test
  void coreImportsNoInfrastructure() {
    PureCore.assertPure(
        "dev.bluegreen.decommissioner.core",
        "import java.net",
        "import java.io",
        "import java.nio");
  }
}
