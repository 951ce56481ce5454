package dev.bluegreen.notifier.core;

import dev.bluegreen.testkit.PureCore;
import org.junit.jupiter.api.Test;

/** core/ is pure: no Kafka, no Quarkus, no HTTP, no JSON library, no adapters of this service. */
class CoreIsPureTest {

  @Test
  void coreImportsNoInfrastructure() {
    PureCore.assertPure("dev.bluegreen.notifier.core", "import com.fasterxml");
  }
}
