package dev.bluegreen.provisioner.core;

import dev.bluegreen.testkit.PureCore;
import org.junit.jupiter.api.Test;

/** core/ is pure: no cloud, messaging, Kafka, SDK or Quarkus (docs/services.md). */
class CoreIsPureTest {

  @Test
  void coreImportsNoInfrastructure() {
    PureCore.assertPure("dev.bluegreen.provisioner.core");
  }
}
