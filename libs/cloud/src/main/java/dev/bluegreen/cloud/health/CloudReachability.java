package dev.bluegreen.cloud.health;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Whether the cloud clients can work right now: the configured endpoint (the simulator, or the
 * region's EKS endpoint) answers HTTP at all, and credentials resolve. Any HTTP status counts as
 * reachable: an unsigned request to AWS is refused with 403, which proves DNS, routing and TLS.
 *
 * <p>Results are cached for a time-to-live so that probes every few seconds from Kubernetes,
 * compose and the local run cost AWS at most one request per TTL. Never logs or returns
 * credentials: only whether they resolved and the exception's type.
 */
public final class CloudReachability {

  /** The outcome of one check. {@code detail} is safe to show (no secrets). */
  public record Result(boolean reachable, String endpoint, String detail, Instant checkedAt) {}

  private final URI endpoint;
  private final Supplier<String> credentialsCheck;
  private final Duration timeout;
  private final Duration timeToLive;
  private final Duration unreachableTimeToLive;
  private final Clock clock;
  private Result last;

  /**
   * @param endpoint what to reach
   * @param credentialsCheck resolves credentials and returns null, or returns why it could not
   *     (never the credentials)
   * @param timeout connect and read timeout of one check
   * @param timeToLive how long a reachable result is reused
   * @param unreachableTimeToLive how long an unreachable result is reused: shorter, so a service
   *     whose cloud comes back (or comes up after it) is ready again soon
   */
  public CloudReachability(
      URI endpoint,
      Supplier<String> credentialsCheck,
      Duration timeout,
      Duration timeToLive,
      Duration unreachableTimeToLive,
      Clock clock) {
    this.endpoint = endpoint;
    this.credentialsCheck = credentialsCheck;
    this.timeout = timeout;
    this.timeToLive = timeToLive;
    this.unreachableTimeToLive = unreachableTimeToLive;
    this.clock = clock;
  }

  /** The cached result while fresh, else a new check. */
  public synchronized Result check() {
    Instant now = clock.instant();
    if (last != null
        && now.isBefore(
            last.checkedAt().plus(last.reachable() ? timeToLive : unreachableTimeToLive))) {
      return last;
    }
    last = probe(now);
    return last;
  }

  private Result probe(Instant now) {
    String credentialsProblem = credentialsCheck.get();
    if (credentialsProblem != null) {
      return new Result(false, endpoint.toString(), credentialsProblem, now);
    }
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) endpoint.toURL().openConnection();
      connection.setConnectTimeout((int) timeout.toMillis());
      connection.setReadTimeout((int) timeout.toMillis());
      connection.setRequestMethod("GET");
      int status = connection.getResponseCode();
      return new Result(true, endpoint.toString(), "HTTP " + status, now);
    } catch (IOException | IllegalArgumentException e) {
      return new Result(
          false, endpoint.toString(), e.getClass().getSimpleName() + ": " + e.getMessage(), now);
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }
}
