package dev.bluegreen.notifier.core;

import java.util.List;
import java.util.Optional;

/**
 * Which channels receive an audit entry: every route that wants the entry's cluster (through the
 * cluster's team and the route's pattern) at the entry's severity. An entry may go to several
 * channels (e.g. the team's channel and a fleet-wide one) or to none.
 */
public final class Routing {

  private final List<Route> routes;
  private final TeamDirectory teams;

  public Routing(List<Route> routes, TeamDirectory teams) {
    this.routes = List.copyOf(routes);
    this.teams = teams;
  }

  /** The routes for an entry about {@code cluster} at {@code severity}, in configured order. */
  public List<Route> routesFor(String cluster, Severity severity) {
    Optional<String> team = teams.teamOf(cluster);
    return routes.stream().filter(r -> r.wants(cluster, team, severity)).toList();
  }

  /** The routes for campaign news at {@code severity} concerning {@code members}. */
  public List<Route> routesForCampaign(List<String> members, Severity severity) {
    return routes.stream().filter(r -> r.wantsCampaign(members, teams::teamOf, severity)).toList();
  }

  /**
   * The routes for fleet-wide news at {@code severity} (a fleet freeze): every route that takes the
   * severity, whatever its team or clusters, since the news concerns every cluster.
   */
  public List<Route> routesForFleet(Severity severity) {
    return routes.stream().filter(r -> r.severities().contains(severity)).toList();
  }

  /** The team of a cluster, for the message. */
  public Optional<String> teamOf(String cluster) {
    return teams.teamOf(cluster);
  }

  /** Every configured route. */
  public List<Route> routes() {
    return routes;
  }
}
