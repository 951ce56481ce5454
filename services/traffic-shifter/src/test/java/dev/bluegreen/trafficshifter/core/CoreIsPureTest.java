package dev.bluegreen.trafficshifter.core;

import dev.bluegreen.testkit.PureCore;
import org.junit.jupiter.api.Test;

/** core/ may not import cloud, messaging, Kafka, the SDK or Quarkus (docs/services.md). */
class CoreIsPureTest {

  @Test
  void coreImportsNoInfrastructure() {
    PureCore.assertPure("dev.bluegreen.trafficshifter.core");
  }
}
