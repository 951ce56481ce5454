package dev.bluegreen.cloud;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The {@link Waiting} every service injects: the wall clock. A test replaces it with an
 * {@code @Alternative @Priority} producer of its own (e.g. one that moves the simulator's clock).
 */
@ApplicationScoped
public class WaitingProducer {

  @Produces
  @Singleton
  Waiting waiting() {
    return Waiting.wallClock();
  }
}
