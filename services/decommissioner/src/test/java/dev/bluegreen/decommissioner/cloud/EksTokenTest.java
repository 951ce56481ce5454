package dev.bluegreen.decommissioner.cloud;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

class EksTokenTest {

  @Test
  void token_isAPresignedStsUrl_thatSignsTheClusterName() {
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    String token =
        EksToken.generate(
            "payments-001",
            "eu-west-1",
            AwsBasicCredentials.create("AKIDEXAMPLE", "secret"),
            clock);

    assertTrue(token.startsWith("k8s-aws-v1."), token);
    String url =
        new String(
            Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())),
            StandardCharsets.UTF_8);
    assertTrue(url.startsWith("https://sts.eu-west-1.amazonaws.com/?"), url);
    assertTrue(url.contains("Action=GetCallerIdentity"), url);
    assertTrue(url.contains("X-Amz-Expires=60"), url);
    assertTrue(url.contains("X-Amz-SignedHeaders=host%3Bx-k8s-aws-id"), url);
    assertTrue(url.contains("X-Amz-Credential=AKIDEXAMPLE%2F20260101%2Feu-west-1%2Fsts"), url);
    assertTrue(url.contains("X-Amz-Signature="), url);
  }
}
