package dev.bluegreen.notifier.config;

import dev.bluegreen.notifier.core.Route;
import dev.bluegreen.notifier.core.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The notifier's configuration ({@code bluegreen.notifier.*}); the README has the same table. */
@ConfigMapping(prefix = "bluegreen.notifier")
public interface NotifierConfig {

  /** Base URL of the orchestrator's API as people reach it; messages link to base/upgrades/id. */
  @WithDefault("http://localhost:8080")
  String apiBaseUrl();

  /** Exact cluster name to team; wins over the prefix rule. */
  Map<String, String> clusterTeams();

  /** Whether an unmapped cluster's team is its name up to the first separator. */
  @WithDefault("true")
  boolean teamFromPrefix();

  /** The separator of the prefix rule: payments-prod-eu belongs to team payments. */
  @WithDefault("-")
  String teamPrefixSeparator();

  /** Which channel gets what; no routes means nothing is posted (a warning at start). */
  Optional<List<RouteConfig>> routes();

  /** Retries of failed posts. */
  DeliveryConfig delivery();

  /** How many campaigns the campaign news remembers (last wave seen, wave names). */
  @WithDefault("1000")
  int campaignCapacity();

  /** How many (event, channel) deliveries are remembered to skip redelivered events. */
  @WithDefault("10000")
  int dedupeCapacity();

  /** One channel's subscription. */
  interface RouteConfig {

    /** Name in logs and dead letters (the webhook URL is a secret); default route-index. */
    Optional<String> name();

    /** The Slack incoming webhook URL. */
    String webhookUrl();

    /** Only clusters of this team; absent means every cluster. */
    Optional<String> team();

    /** Only clusters whose name matches this glob (* and ?). */
    @WithDefault("*")
    String clusterPattern();

    /** The least severity posted (INFO, SUCCESS, WARNING, ACTION_NEEDED, FAILURE). */
    @WithDefault("INFO")
    Severity minSeverity();

    /** Exactly these severities; when set, min-severity is ignored. */
    Optional<Set<Severity>> severities();

    /**
     * Campaign news (campaign.audit.v1): ALL (a campaign channel), MEMBERS (news about the route's
     * clusters) or NONE.
     */
    @WithDefault("MEMBERS")
    Route.CampaignScope campaigns();
  }

  /** Retries of failed posts: exponential backoff, and Slack's Retry-After on a 429. */
  interface DeliveryConfig {

    /** Posts in all, the first included, before the message is dead-lettered. */
    @WithDefault("5")
    int maxAttempts();

    /** Wait before the second post. */
    @WithDefault("1s")
    Duration initialBackoff();

    /** Growth of the wait per attempt. */
    @WithDefault("2")
    double multiplier();

    /** Longest backoff wait. */
    @WithDefault("30s")
    Duration maxBackoff();

    /** Longest Retry-After honoured; a longer rate limit dead-letters the message. */
    @WithDefault("60s")
    Duration maxRetryAfter();

    /** Time allowed for one post, connection included. */
    @WithDefault("10s")
    Duration requestTimeout();
  }
}
