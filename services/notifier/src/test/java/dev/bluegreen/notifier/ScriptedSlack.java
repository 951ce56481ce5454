package dev.bluegreen.notifier;

import dev.bluegreen.notifier.core.RecentEvents;
import dev.bluegreen.notifier.core.WebhookAnswer;
import dev.bluegreen.notifier.core.WebhookRetryPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Slack for the notifiers' unit tests: answers each route (the last segment of its webhook URL)
 * from a script, then 200, or always 500 for a route named {@code broken}; records which route was
 * posted what.
 */
final class ScriptedSlack implements WebhookPoster {
  final Map<String, Deque<WebhookAnswer>> script = new HashMap<>();
  final List<String> posted = new ArrayList<>();
  final List<String> bodies = new ArrayList<>();

  void answer(String route, WebhookAnswer answer) {
    script.computeIfAbsent(route, r -> new ArrayDeque<>()).add(answer);
  }

  /** Two posts at most, 10 ms apart, no real wait; dead letters into {@code sink}. */
  WebhookDelivery delivery(RecordingSink sink) {
    return new WebhookDelivery(
        "notifier",
        new WebhookRetryPolicy(
            2, Duration.ofMillis(10), 2, Duration.ofSeconds(1), Duration.ofSeconds(60)),
        this,
        d -> {},
        sink,
        new RecentEvents(100));
  }

  void clear() {
    posted.clear();
    bodies.clear();
  }

  @Override
  public WebhookAnswer post(String webhookUrl, byte[] json) {
    String route = webhookUrl.substring(webhookUrl.lastIndexOf('/') + 1);
    posted.add(route);
    bodies.add(new String(json, StandardCharsets.UTF_8));
    if (route.equals("broken")) {
      return new WebhookAnswer(500, Optional.empty(), "");
    }
    WebhookAnswer next = script.getOrDefault(route, new ArrayDeque<>()).poll();
    return next != null ? next : new WebhookAnswer(200, Optional.empty(), "ok");
  }
}
