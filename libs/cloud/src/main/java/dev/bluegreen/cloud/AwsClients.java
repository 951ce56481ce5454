package dev.bluegreen.cloud;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Configures any AWS SDK v2 sync client builder the same way in every service: region, endpoint
 * override (the simulator) or the default credentials chain (real AWS), the SDK's standard retry
 * mode (throttling and transient errors retried with backoff), a call timeout, and {@link
 * CloudCallMetrics} (calls and retries as Prometheus counters).
 *
 * <pre>
 * &#64;Produces &#64;ApplicationScoped
 * EksClient eks(AwsConfig settings) {
 *   return AwsClients.configure(EksClient.builder(), settings).build();
 * }
 * </pre>
 */
public final class AwsClients {

  private AwsClients() {}

  /** Applies the settings to a builder and returns it. */
  public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
      B builder, AwsConfig settings) {
    return configure(
        builder,
        settings.region(),
        settings.endpointOverride(),
        settings.apiCallTimeout(),
        settings.maxAttempts(),
        settings.simulatorAccessKeyId());
  }

  /** Applies explicit settings to a builder and returns it (for tools and tests without CDI). */
  public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
      B builder,
      String region,
      Optional<URI> endpointOverride,
      Duration apiCallTimeout,
      int maxAttempts) {
    return configure(builder, region, endpointOverride, apiCallTimeout, maxAttempts, "simulator");
  }

  /**
   * As {@link #configure(AwsClientBuilder, String, Optional, Duration, int)}, signing requests to
   * the simulator with the access key id {@code simulatorAccessKeyId} (who is calling).
   */
  public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
      B builder,
      String region,
      Optional<URI> endpointOverride,
      Duration apiCallTimeout,
      int maxAttempts,
      String simulatorAccessKeyId) {
    builder
        .region(Region.of(region))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .apiCallTimeout(apiCallTimeout)
                .retryStrategy(RetryMode.STANDARD)
                .retryStrategy(b -> b.maxAttempts(maxAttempts))
                .addMetricPublisher(CloudCallMetrics.global())
                .addExecutionInterceptor(new CloudCallSpans())
                .build());
    if (endpointOverride.isPresent()) {
      // The simulator accepts any SigV4 signature; real credentials must never be sent to it.
      builder
          .endpointOverride(endpointOverride.get())
          .credentialsProvider(
              StaticCredentialsProvider.create(
                  AwsBasicCredentials.create(simulatorAccessKeyId, "simulator")));
    } else {
      builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    return builder;
  }
}
