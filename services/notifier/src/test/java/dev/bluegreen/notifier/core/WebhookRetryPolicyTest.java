package dev.bluegreen.notifier.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.notifier.core.WebhookRetryPolicy.Delivered;
import dev.bluegreen.notifier.core.WebhookRetryPolicy.GiveUp;
import dev.bluegreen.notifier.core.WebhookRetryPolicy.RetryAfter;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookRetryPolicyTest {

  private final WebhookRetryPolicy policy =
      new WebhookRetryPolicy(
          5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5), Duration.ofSeconds(60));

  private static WebhookAnswer status(int status) {
    return new WebhookAnswer(status, Optional.empty(), "");
  }

  private static WebhookAnswer throttled(String retryAfter) {
    return new WebhookAnswer(429, Optional.ofNullable(retryAfter), "rate_limited");
  }

  @Test
  void success_isDelivered() {
    assertInstanceOf(Delivered.class, policy.after(1, status(200)));
  }

  @Test
  void serverError_backsOffExponentially_upToTheCap() {
    assertEquals(new RetryAfter(Duration.ofSeconds(1)), policy.after(1, status(500)));
    assertEquals(new RetryAfter(Duration.ofSeconds(2)), policy.after(2, status(503)));
    assertEquals(new RetryAfter(Duration.ofSeconds(4)), policy.after(3, status(502)));
    assertEquals(new RetryAfter(Duration.ofSeconds(5)), policy.after(4, status(500)));
  }

  @Test
  void noAnswer_isRetriedLikeAServerError() {
    assertEquals(
        new RetryAfter(Duration.ofSeconds(1)),
        policy.after(1, WebhookAnswer.unreachable("ConnectException")));
  }

  @Test
  void lastAttempt_givesUp_sayingHowOftenAndWhatCameBack() {
    GiveUp giveUp = assertInstanceOf(GiveUp.class, policy.after(5, status(500)));
    assertTrue(giveUp.reason().contains("5 attempts"), giveUp.reason());
    assertTrue(giveUp.reason().contains("HTTP 500"), giveUp.reason());
  }

  @Test
  void rateLimit_waitsExactlyTheRetryAfterSeconds() {
    assertEquals(new RetryAfter(Duration.ofSeconds(30)), policy.after(1, throttled("30")));
  }

  @Test
  void rateLimitWithoutAUsableRetryAfter_backsOff() {
    assertEquals(new RetryAfter(Duration.ofSeconds(2)), policy.after(2, throttled(null)));
    assertEquals(
        new RetryAfter(Duration.ofSeconds(1)),
        policy.after(1, throttled("Wed, 21 Oct 2015 07:28:00 GMT")));
  }

  @Test
  void rateLimitLongerThanWeWait_givesUp() {
    GiveUp giveUp = assertInstanceOf(GiveUp.class, policy.after(1, throttled("600")));
    assertTrue(giveUp.reason().contains("rate limited for 600 s"), giveUp.reason());
  }

  @Test
  void clientError_givesUpAtOnce_postingAgainCannotHelp() {
    for (int status : new int[] {400, 403, 404, 410}) {
      GiveUp giveUp = assertInstanceOf(GiveUp.class, policy.after(1, status(status)));
      assertTrue(giveUp.reason().contains("refused"), giveUp.reason());
    }
  }

  @Test
  void requestTimeout_isRetried() {
    assertInstanceOf(RetryAfter.class, policy.after(1, status(408)));
  }
}
