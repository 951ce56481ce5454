package dev.bluegreen.notifier.config;

import dev.bluegreen.messaging.EventSink;
import dev.bluegreen.notifier.CampaignNotifier;
import dev.bluegreen.notifier.FreezeNotifier;
import dev.bluegreen.notifier.SlackNotifier;
import dev.bluegreen.notifier.WebhookDelivery;
import dev.bluegreen.notifier.core.BlockKitMessage;
import dev.bluegreen.notifier.core.CampaignNews;
import dev.bluegreen.notifier.core.ClusterPattern;
import dev.bluegreen.notifier.core.FreezeNews;
import dev.bluegreen.notifier.core.RecentEvents;
import dev.bluegreen.notifier.core.Route;
import dev.bluegreen.notifier.core.Routing;
import dev.bluegreen.notifier.core.TeamDirectory;
import dev.bluegreen.notifier.core.WebhookRetryPolicy;
import dev.bluegreen.notifier.slack.SlackWebhookClient;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Builds the notifier's pure parts from configuration and wires them to Slack and Kafka. */
@ApplicationScoped
public class NotifierSetup {

  private static final Logger LOG = Logger.getLogger(NotifierSetup.class);

  /** Built at start, so a bad route configuration fails the start, not the first message. */
  @Produces
  @Singleton
  @Startup
  SlackNotifier slackNotifier(
      NotifierConfig config,
      Routing routing,
      EventSink sink,
      @ConfigProperty(name = "mp.messaging.incoming.audit.group.id") String consumerGroup) {
    return new SlackNotifier(
        routing, new BlockKitMessage(config.apiBaseUrl()), delivery(config, sink, consumerGroup));
  }

  /** The campaign news notifier: same routes, delivery and dead letters as the audit one. */
  @Produces
  @Singleton
  @Startup
  CampaignNotifier campaignNotifier(
      NotifierConfig config,
      Routing routing,
      EventSink sink,
      @ConfigProperty(name = "mp.messaging.incoming.campaign-audit.group.id")
          String consumerGroup) {
    return new CampaignNotifier(
        routing,
        new BlockKitMessage(config.apiBaseUrl()),
        delivery(config, sink, consumerGroup),
        new CampaignNews.Desk(config.campaignCapacity()));
  }

  /** The fleet freeze notifier: same routes, delivery and dead letters as the audit one. */
  @Produces
  @Singleton
  @Startup
  FreezeNotifier freezeNotifier(
      NotifierConfig config,
      Routing routing,
      EventSink sink,
      @ConfigProperty(name = "mp.messaging.incoming.fleet-freezes.group.id") String consumerGroup) {
    return new FreezeNotifier(
        routing,
        new BlockKitMessage(config.apiBaseUrl()),
        delivery(config, sink, consumerGroup),
        // A fleet has a handful of freezes a year: this remembers every one for decades.
        new FreezeNews.Desk(1_000));
  }

  /** Posts with the configured retries; each notifier remembers its own deliveries. */
  private static WebhookDelivery delivery(
      NotifierConfig config, EventSink sink, String consumerGroup) {
    NotifierConfig.DeliveryConfig delivery = config.delivery();
    return new WebhookDelivery(
        consumerGroup,
        new WebhookRetryPolicy(
            delivery.maxAttempts(),
            delivery.initialBackoff(),
            delivery.multiplier(),
            delivery.maxBackoff(),
            delivery.maxRetryAfter()),
        new SlackWebhookClient(delivery.requestTimeout()),
        duration -> Thread.sleep(duration.toMillis()),
        sink,
        new RecentEvents(config.dedupeCapacity()));
  }

  /**
   * The routing table described by {@code bluegreen.notifier.routes[*]} and the team rules, built
   * (and its routes logged) once for the three notifiers.
   */
  @Produces
  @Singleton
  Routing routing(NotifierConfig config) {
    List<Route> routes = new ArrayList<>();
    List<NotifierConfig.RouteConfig> configured = config.routes().orElse(List.of());
    for (int i = 0; i < configured.size(); i++) {
      NotifierConfig.RouteConfig r = configured.get(i);
      routes.add(
          new Route(
              r.name().orElse("route-" + i),
              r.webhookUrl(),
              r.team(),
              ClusterPattern.of(r.clusterPattern()),
              r.severities().orElseGet(() -> Route.atLeast(r.minSeverity())),
              r.campaigns()));
    }
    if (routes.isEmpty()) {
      LOG.warn(
          "no bluegreen.notifier.routes configured: audit entries are read but nothing is posted");
    }
    for (Route route : routes) {
      LOG.infof(
          "route %s: team %s, clusters %s, severities %s, campaigns %s",
          route.name(),
          route.team().orElse("any"),
          route.clusterPattern(),
          route.severities(),
          route.campaigns());
    }
    TeamDirectory teams =
        new TeamDirectory(
            config.clusterTeams(),
            config.teamFromPrefix() ? Optional.of(config.teamPrefixSeparator()) : Optional.empty());
    return new Routing(routes, teams);
  }
}
