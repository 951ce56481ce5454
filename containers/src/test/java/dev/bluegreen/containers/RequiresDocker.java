package dev.bluegreen.containers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs the annotated test class only where a Docker engine is reachable; elsewhere its tests are
 * reported as skipped, with the reason, so {@code -Pcontainers} builds without Docker still pass.
 * These tests run for real in {@code ci/container-stage}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresDocker.Condition.class)
@interface RequiresDocker {

  /** Decides once per class whether a Docker engine is there. */
  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      String dockerHost =
          System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
      // A local engine is a socket file: checking it answers in microseconds, where asking
      // Testcontainers may take its strategies' time-outs. Remote engines go to Testcontainers.
      if (dockerHost.startsWith("unix://")
          && !Files.exists(Path.of(dockerHost.substring("unix://".length())))) {
        return ConditionEvaluationResult.disabled(
            "skipped: no Docker engine (no socket at "
                + dockerHost
                + "); these tests need one and run in ci/container-stage");
      }
      if (!DockerClientFactory.instance().isDockerAvailable()) {
        return ConditionEvaluationResult.disabled(
            "skipped: no Docker engine reachable at "
                + dockerHost
                + "; these tests need one and run in ci/container-stage");
      }
      return ConditionEvaluationResult.enabled("Docker engine at " + dockerHost);
    }
  }
}
