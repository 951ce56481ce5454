package dev.bluegreen.deployer.command;

import dev.bluegreen.cloud.CloudError;
import dev.bluegreen.cloud.CloudErrors;
import java.util.Optional;
import java.util.function.Supplier;

/** How the deployer's commands read the cloud inside a wait, and describe what a read threw. */
final class CloudReads {

  private CloudReads() {}

  /** Runs a read inside a wait: a transient error only skips this look; a permanent one ends it. */
  static <T> Optional<T> readOrSkip(Supplier<T> read) {
    try {
      return Optional.ofNullable(read.get());
    } catch (RuntimeException e) {
      if (CloudErrors.isTransient(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** What a read threw, for a check's reason: the classified cloud error, or the exception. */
  static String describe(RuntimeException e) {
    return CloudErrors.classify(e).map(CloudError::describe).orElse(e.toString());
  }
}
