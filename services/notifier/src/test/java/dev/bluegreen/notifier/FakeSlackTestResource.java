package dev.bluegreen.notifier;

import dev.bluegreen.notifier.FakeSlack.Behaviour;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts {@link FakeSlack} before the application and configures the notifier's routes at its
 * webhooks, with short retry waits. The routes (team from the cluster-name prefix):
 *
 * <ol start="0">
 *   <li>{@code /payments}: team payments, ACTION_NEEDED and up
 *   <li>{@code /search}: team search, everything
 *   <li>{@code /flaky}: clusters {@code flaky-*}, a 500 before each success
 *   <li>{@code /throttled}: clusters {@code throttled-*}, a 429 with Retry-After: 1 before each
 *   <li>{@code /broken}: clusters {@code broken-*}, always 500
 *   <li>{@code /campaigns}: every campaign's news, no upgrade entry (a campaign channel)
 * </ol>
 */
public final class FakeSlackTestResource implements QuarkusTestResourceLifecycleManager {

  /** Base URL the messages link to. */
  public static final String API = "https://bluegreen.test";

  private FakeSlack slack;

  @Override
  public Map<String, String> start() {
    Map<String, Behaviour> hooks = new LinkedHashMap<>();
    hooks.put("/payments", Behaviour.OK);
    hooks.put("/search", Behaviour.OK);
    hooks.put("/flaky", Behaviour.FLAKY);
    hooks.put("/throttled", Behaviour.THROTTLED);
    hooks.put("/broken", Behaviour.BROKEN);
    hooks.put("/campaigns", Behaviour.OK);
    try {
      slack = FakeSlack.start(hooks);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> config = new HashMap<>();
    config.put("bluegreen.notifier.api-base-url", API);
    route(config, 0, "payments", "/payments");
    config.put("bluegreen.notifier.routes[0].team", "payments");
    config.put("bluegreen.notifier.routes[0].min-severity", "ACTION_NEEDED");
    route(config, 1, "search", "/search");
    config.put("bluegreen.notifier.routes[1].team", "search");
    route(config, 2, "flaky", "/flaky");
    config.put("bluegreen.notifier.routes[2].cluster-pattern", "flaky-*");
    route(config, 3, "throttled", "/throttled");
    config.put("bluegreen.notifier.routes[3].cluster-pattern", "throttled-*");
    route(config, 4, "broken", "/broken");
    config.put("bluegreen.notifier.routes[4].cluster-pattern", "broken-*");
    route(config, 5, "campaigns", "/campaigns");
    config.put("bluegreen.notifier.routes[5].cluster-pattern", "no-upgrade-entry-matches-this");
    config.put("bluegreen.notifier.routes[5].campaigns", "ALL");
    config.put("bluegreen.notifier.delivery.max-attempts", "3");
    config.put("bluegreen.notifier.delivery.initial-backoff", "PT0.05S");
    config.put("bluegreen.notifier.delivery.max-backoff", "PT0.2S");
    config.put("bluegreen.notifier.delivery.max-retry-after", "PT5S");
    return config;
  }

  private void route(Map<String, String> config, int index, String name, String path) {
    config.put("bluegreen.notifier.routes[" + index + "].name", name);
    config.put("bluegreen.notifier.routes[" + index + "].webhook-url", slack.url(path));
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(slack, new TestInjector.MatchesType(FakeSlack.class));
  }

  @Override
  public void stop() {
    if (slack != null) {
      slack.close();
    }
  }
}
