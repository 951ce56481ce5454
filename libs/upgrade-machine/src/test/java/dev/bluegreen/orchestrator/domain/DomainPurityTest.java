package dev.bluegreen.orchestrator.domain;

import dev.bluegreen.testkit.PureCore;
import org.junit.jupiter.api.Test;

/**
 * The layering rule, checked by the build: the domain package imports no infrastructure (Kafka,
 * Quarkus, Jakarta, AWS) and no other orchestrator package, and reads no clock.
 */
class DomainPurityTest {

  @Test
  void domain_importsNoInfrastructure_andReadsNoClock() {
    PureCore.assertPure("dev.bluegreen.orchestrator.domain", "Clock.");
  }
}
