package dev.bluegreen.trafficshifter;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The wall-clock {@link Pacing}; a test may provide its own bean instead. */
@ApplicationScoped
public class PacingProducer {

  @Produces
  @DefaultBean
  @ApplicationScoped
  Pacing pacing() {
    return Pacing.of(Clock.systemUTC());
  }
}
