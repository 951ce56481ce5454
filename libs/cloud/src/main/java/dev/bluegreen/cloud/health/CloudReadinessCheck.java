package dev.bluegreen.cloud.health;

import dev.bluegreen.cloud.AwsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Readiness of every service that uses libs/cloud: DOWN while the cloud endpoint cannot be reached
 * or (real AWS) no credentials resolve, so a pod that cannot do its phase's work takes no part in a
 * rollout. Cached ({@link CloudReadinessConfig#timeToLive()}), never hammering AWS.
 */
@Readiness
@ApplicationScoped
public class CloudReadinessCheck implements HealthCheck {

  private final CloudReachability reachability;
  private final boolean enabled;

  @Inject
  public CloudReadinessCheck(AwsConfig aws, CloudReadinessConfig settings) {
    this.enabled = settings.enabled();
    this.reachability =
        new CloudReachability(
            aws.endpointOverride().orElse(regionalEndpoint(aws.region())),
            aws.endpointOverride().isPresent() ? () -> null : defaultCredentials(),
            settings.timeout(),
            settings.timeToLive(),
            settings.unreachableTimeToLive(),
            Clock.systemUTC());
  }

  /** Real AWS: the region's EKS endpoint stands for the region's API endpoints. */
  static URI regionalEndpoint(String region) {
    return URI.create("https://eks." + region + ".amazonaws.com/");
  }

  private static Supplier<String> defaultCredentials() {
    return () -> {
      try (DefaultCredentialsProvider provider = DefaultCredentialsProvider.builder().build()) {
        provider.resolveCredentials();
        return null;
      } catch (RuntimeException e) {
        // The type only: a message might quote a profile or a token source.
        return "no AWS credentials resolve (" + e.getClass().getSimpleName() + ")";
      }
    };
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("cloud");
    if (!enabled) {
      return response.up().withData("check", "disabled").build();
    }
    CloudReachability.Result result = reachability.check();
    return response
        .status(result.reachable())
        .withData("endpoint", result.endpoint())
        .withData("detail", result.detail())
        .withData("checkedAt", result.checkedAt().toString())
        .build();
  }
}
