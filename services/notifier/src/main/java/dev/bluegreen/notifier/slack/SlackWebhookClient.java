package dev.bluegreen.notifier.slack;

import dev.bluegreen.notifier.WebhookPoster;
import dev.bluegreen.notifier.core.WebhookAnswer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Posts to Slack incoming webhooks with the JDK's {@link HttpClient}. A webhook is one POST to a
 * URL that comes from configuration per route, so a typed REST client (bound to one base URL per
 * interface) would add a dependency and indirection for nothing; the JDK client gives us the
 * status, the {@code Retry-After} header and timeouts directly.
 *
 * <p>Errors never name the URL: a webhook URL is a credential.
 */
public final class SlackWebhookClient implements WebhookPoster {

  private static final int DETAIL_LIMIT = 200;

  private final HttpClient http;
  private final Duration requestTimeout;

  public SlackWebhookClient(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(requestTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public WebhookAnswer post(String webhookUrl, byte[] json) throws InterruptedException {
    // Routes check their URL at start (core/Route), so building the request cannot fail here.
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(webhookUrl))
            .timeout(requestTimeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      String body = response.body() == null ? "" : response.body();
      return new WebhookAnswer(
          response.statusCode(),
          response.headers().firstValue("Retry-After"),
          body.length() > DETAIL_LIMIT ? body.substring(0, DETAIL_LIMIT) : body);
    } catch (IOException e) {
      return WebhookAnswer.unreachable(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
