package dev.bluegreen.notifier;

import dev.bluegreen.notifier.core.WebhookAnswer;

/** Posts a JSON body to a webhook once and says what came back. Never throws for HTTP trouble. */
public interface WebhookPoster {

  /** One POST; a transport failure is {@link WebhookAnswer#unreachable}. */
  WebhookAnswer post(String webhookUrl, byte[] json) throws InterruptedException;
}
