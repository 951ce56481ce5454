package dev.bluegreen.decommissioner.cloud;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A bearer token for an EKS cluster's Kubernetes API, the way {@code aws eks get-token} makes it: a
 * presigned STS GetCallerIdentity URL naming the cluster in the signed {@code x-k8s-aws-id} header,
 * base64url-encoded behind {@code k8s-aws-v1.}. EKS maps the caller's IAM role to Kubernetes
 * permissions through the cluster's access entries.
 */
public final class EksToken {

  private static final Duration VALIDITY = Duration.ofSeconds(60);

  private EksToken() {}

  /** A fresh token for the cluster, signed with these credentials. */
  public static String generate(
      String cluster, String region, AwsCredentialsIdentity credentials, Clock clock) {
    SdkHttpFullRequest request =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.GET)
            .protocol("https")
            .host("sts." + region + ".amazonaws.com")
            .encodedPath("/")
            .putRawQueryParameter("Action", "GetCallerIdentity")
            .putRawQueryParameter("Version", "2011-06-15")
            .putHeader("x-k8s-aws-id", cluster)
            .build();
    SdkHttpFullRequest signed =
        (SdkHttpFullRequest)
            AwsV4HttpSigner.create()
                .sign(
                    r ->
                        r.identity(credentials)
                            .request(request)
                            .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sts")
                            .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                            .putProperty(
                                AwsV4FamilyHttpSigner.AUTH_LOCATION,
                                AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                            .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, VALIDITY)
                            .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock))
                .request();
    String url = signed.getUri().toString();
    return "k8s-aws-v1."
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(url.getBytes(StandardCharsets.UTF_8));
  }
}
