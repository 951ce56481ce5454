package dev.bluegreen.cloud.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The cloud clients' readiness check. Prefix {@code bluegreen.cloud-readiness}. */
@ConfigMapping(prefix = "bluegreen.cloud-readiness")
public interface CloudReadinessConfig {

  /** Whether /q/health/ready includes the cloud check (off for a service that calls no cloud). */
  @WithDefault("true")
  boolean enabled();

  /** Connect and read timeout of one check. */
  @WithDefault("PT2S")
  Duration timeout();

  /** How long a result is reused: probes every few seconds cost AWS one request per this. */
  @WithDefault("PT30S")
  Duration timeToLive();

  /** How long an unreachable result is reused before the next try. */
  @WithDefault("PT5S")
  Duration unreachableTimeToLive();
}
