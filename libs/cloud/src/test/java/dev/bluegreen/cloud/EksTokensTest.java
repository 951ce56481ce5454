package dev.bluegreen.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class EksTokensTest {

  private static final Instant T0 = Instant.parse("2026-01-10T10:00:00Z");

  private final MovingClock clock = new MovingClock(T0);
  private final EksTokens tokens =
      new EksTokens(
          StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
          Region.EU_WEST_1,
          clock);

  @Test
  void token_isAPresignedGetCallerIdentity_signingTheClusterName() {
    String token = tokens.tokenFor("payments-001");

    assertTrue(token.startsWith("k8s-aws-v1."), token);
    URI url =
        URI.create(
            new String(
                Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())),
                StandardCharsets.UTF_8));
    assertEquals("sts.eu-west-1.amazonaws.com", url.getHost());
    String query = url.getRawQuery();
    assertTrue(query.contains("Action=GetCallerIdentity"), query);
    assertTrue(query.contains("X-Amz-Expires=60"), query);
    assertTrue(query.contains("X-Amz-SignedHeaders=host%3Bx-k8s-aws-id"), query);
    assertTrue(query.contains("X-Amz-Signature="), query);
  }

  @Test
  void token_isReusedForTenMinutes_thenRenewed() {
    String first = tokens.tokenFor("payments-001");
    clock.now = T0.plus(Duration.ofMinutes(10));
    assertEquals(first, tokens.tokenFor("payments-001"));
    clock.now = T0.plus(Duration.ofMinutes(10)).plusSeconds(1);
    assertNotEquals(first, tokens.tokenFor("payments-001"));
  }
}
