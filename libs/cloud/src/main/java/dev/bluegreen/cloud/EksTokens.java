package dev.bluegreen.cloud;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4PresignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/**
 * Bearer tokens for an EKS cluster's API server, the way {@code aws eks get-token} makes them: a
 * presigned STS {@code GetCallerIdentity} URL carrying the cluster name in the signed {@code
 * x-k8s-aws-id} header, base64url-encoded behind {@code k8s-aws-v1.}. The IAM principal must have
 * an EKS access entry on the cluster. Not exercised by the tests (the simulator needs no auth).
 *
 * <p>The one way services authenticate to a workload cluster's Kubernetes API (the deployer's
 * clients for blue and green, the provisioner's read of blue's aws-auth ConfigMap).
 */
public final class EksTokens {
  private static final Duration PRESIGN_FOR = Duration.ofSeconds(60);

  /** EKS accepts a token for 15 minutes; renew well before. */
  private static final Duration REUSE_FOR = Duration.ofMinutes(10);

  private final AwsCredentialsProvider credentials;
  private final Region region;
  private final Clock clock;
  private String token;
  private Instant renewAt = Instant.MIN;

  /** Tokens signed with these credentials for clusters in this region. */
  public EksTokens(AwsCredentialsProvider credentials, Region region, Clock clock) {
    this.credentials = credentials;
    this.region = region;
    this.clock = clock;
  }

  /** A valid token for the cluster (always the same one per instance), reused until near expiry. */
  public synchronized String tokenFor(String cluster) {
    Instant now = clock.instant();
    if (token == null || now.isAfter(renewAt)) {
      token = presign(cluster, now);
      renewAt = now.plus(REUSE_FOR);
    }
    return token;
  }

  @SuppressWarnings("deprecation") // Aws4Signer is still the SDK's simplest query-string presigner
  private String presign(String cluster, Instant now) {
    SdkHttpFullRequest request =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.GET)
            .uri(URI.create("https://sts." + region.id() + ".amazonaws.com/"))
            .putRawQueryParameter("Action", "GetCallerIdentity")
            .putRawQueryParameter("Version", "2011-06-15")
            .putHeader("x-k8s-aws-id", cluster)
            .build();
    Aws4PresignerParams params =
        Aws4PresignerParams.builder()
            .awsCredentials(credentials.resolveCredentials())
            .signingName("sts")
            .signingRegion(region)
            .signingClockOverride(Clock.fixed(now, java.time.ZoneOffset.UTC))
            .expirationTime(now.plus(PRESIGN_FOR))
            .build();
    String url = Aws4Signer.create().presign(request, params).getUri().toString();
    return "k8s-aws-v1."
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(url.getBytes(StandardCharsets.UTF_8));
  }
}
