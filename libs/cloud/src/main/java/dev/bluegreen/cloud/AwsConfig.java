package dev.bluegreen.cloud;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** How every service reaches AWS (or the cloud simulator). Prefix {@code bluegreen.aws}. */
@ConfigMapping(prefix = "bluegreen.aws")
public interface AwsConfig {

  /** AWS region of the fleet. */
  @WithDefault("us-east-1")
  String region();

  /**
   * Endpoint of the cloud simulator (e.g. {@code http://localhost:4566}). When set, every client
   * talks to it with placeholder credentials; when absent, the real AWS endpoints and the default
   * credentials chain are used.
   */
  Optional<URI> endpointOverride();

  /**
   * Access key id sent to the simulator (never to AWS): one per service, so the simulator can
   * record which service called which operation and tests can hold each service to its IAM policy
   * in {@code deploy/iam/}. Not a secret: the simulator checks no signature.
   */
  @WithDefault("simulator")
  String simulatorAccessKeyId();

  /** Timeout of one API call, retries included. */
  @WithDefault("PT30S")
  Duration apiCallTimeout();

  /** Attempts per API call, the first included; throttling and 5xx are retried with backoff. */
  @WithDefault("8")
  int maxAttempts();
}
