package dev.bluegreen.notifier.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One Slack channel's subscription: the entries of which team's clusters, matching which cluster
 * pattern, at which severities, go to which incoming webhook.
 *
 * @param name how logs and dead letters name this route (never the webhook URL: it is a secret)
 * @param webhookUrl the Slack incoming webhook
 * @param team only clusters of this team; empty means any cluster, with or without a team
 * @param clusterPattern only clusters whose name matches
 * @param severities the severities this channel receives
 * @param campaigns which fleet campaigns' news this channel receives
 */
public record Route(
    String name,
    String webhookUrl,
    Optional<String> team,
    ClusterPattern clusterPattern,
    Set<Severity> severities,
    CampaignScope campaigns) {

  /**
   * Which campaign news a route receives ({@code campaign.audit.v1}), at its severities.
   *
   * <ul>
   *   <li>ALL: every campaign's news: a fleet-wide campaign channel.
   *   <li>MEMBERS: news that concerns a member the route wants (its team, its cluster pattern): the
   *       member that failed or paused the campaign, the members a wave started. News about the
   *       campaign as a whole (started, completed) names no member and is not sent here.
   *   <li>NONE: no campaign news.
   * </ul>
   */
  public enum CampaignScope {
    ALL,
    MEMBERS,
    NONE
  }

  /** A route that receives the campaign news of its members (MEMBERS). */
  public Route(
      String name,
      String webhookUrl,
      Optional<String> team,
      ClusterPattern clusterPattern,
      Set<Severity> severities) {
    this(name, webhookUrl, team, clusterPattern, severities, CampaignScope.MEMBERS);
  }

  public Route {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(campaigns, "campaigns");
    Objects.requireNonNull(webhookUrl, "webhookUrl");
    Objects.requireNonNull(team, "team");
    Objects.requireNonNull(clusterPattern, "clusterPattern");
    if (!isHttpUrl(webhookUrl)) {
      // Not the URL itself in the message: it is a credential.
      throw new IllegalArgumentException("route " + name + ": webhook-url is not an http(s) URL");
    }
    // An ordered, unmodifiable copy: logs list severities from INFO to FAILURE.
    severities =
        Collections.unmodifiableSet(
            severities.isEmpty() ? EnumSet.noneOf(Severity.class) : EnumSet.copyOf(severities));
  }

  /** Without the webhook URL: a route printed into a log line or an exception must not leak it. */
  @Override
  public String toString() {
    return "Route[name="
        + name
        + ", webhookUrl=<secret>, team="
        + team.orElse("any")
        + ", clusterPattern="
        + clusterPattern
        + ", severities="
        + severities
        + ", campaigns="
        + campaigns
        + "]";
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** Every severity from {@code minimum} up. */
  public static Set<Severity> atLeast(Severity minimum) {
    EnumSet<Severity> out = EnumSet.noneOf(Severity.class);
    for (Severity s : Severity.values()) {
      if (s.isAtLeast(minimum)) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Whether campaign news at {@code severity} about {@code members} (logical clusters, with their
   * teams by {@code teamOf}) belongs here.
   */
  public boolean wantsCampaign(
      List<String> members,
      java.util.function.Function<String, Optional<String>> teamOf,
      Severity severity) {
    if (!severities.contains(severity)) {
      return false;
    }
    return switch (campaigns) {
      case ALL -> true;
      case NONE -> false;
      case MEMBERS -> members.stream().anyMatch(m -> wants(m, teamOf.apply(m), severity));
    };
  }

  /** Whether an entry about {@code cluster}, owned by {@code clusterTeam}, belongs here. */
  public boolean wants(String cluster, Optional<String> clusterTeam, Severity severity) {
    return severities.contains(severity)
        && clusterPattern.matches(cluster)
        && team.map(t -> clusterTeam.map(t::equals).orElse(false)).orElse(true);
  }
}
