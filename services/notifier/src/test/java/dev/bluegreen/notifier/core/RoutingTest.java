package dev.bluegreen.notifier.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingTest {

  private static final TeamDirectory PREFIX_TEAMS =
      new TeamDirectory(Map.of("legacy-cluster-7", "payments"), Optional.of("-"));

  private static Route route(String name, String team, String pattern, Set<Severity> severities) {
    return new Route(
        name,
        "https://hooks.slack.test/" + name,
        Optional.ofNullable(team),
        ClusterPattern.of(pattern),
        severities);
  }

  private static List<String> names(List<Route> routes) {
    return routes.stream().map(Route::name).toList();
  }

  private final Routing routing =
      new Routing(
          List.of(
              route("payments", "payments", "*", Route.atLeast(Severity.ACTION_NEEDED)),
              route("search", "search", "*", Route.atLeast(Severity.INFO)),
              route("prod-failures", null, "*-prod*", Set.of(Severity.FAILURE)),
              route("fleet-successes", null, null, Set.of(Severity.SUCCESS))),
          PREFIX_TEAMS);

  @Test
  void teamAFailure_goesToTeamAsChannel_andTheProdFailuresChannel() {
    assertEquals(
        List.of("payments", "prod-failures"),
        names(routing.routesFor("payments-prod-eu", Severity.FAILURE)));
  }

  @Test
  void teamAInfo_isBelowItsMinimum_andGoesNowhere() {
    assertEquals(List.of(), routing.routesFor("payments-prod-eu", Severity.INFO));
  }

  @Test
  void teamAApprovalNeeded_goesToTeamAOnly() {
    assertEquals(
        List.of("payments"), names(routing.routesFor("payments-staging", Severity.ACTION_NEEDED)));
  }

  @Test
  void teamBCluster_neverReachesTeamAsChannel() {
    assertEquals(
        List.of("search", "prod-failures"),
        names(routing.routesFor("search-prod", Severity.FAILURE)));
  }

  @Test
  void explicitTeamMap_winsOverThePrefixRule() {
    assertEquals(
        List.of("payments"), names(routing.routesFor("legacy-cluster-7", Severity.FAILURE)));
  }

  @Test
  void explicitSeveritySet_takesOnlyThose() {
    assertEquals(
        List.of("fleet-successes"), names(routing.routesFor("payments-prod", Severity.SUCCESS)));
  }

  @Test
  void clusterWithoutATeam_reachesOnlyRoutesWithoutATeam() {
    Routing noPrefix = new Routing(routing.routes(), new TeamDirectory(Map.of(), Optional.empty()));
    assertEquals(
        List.of("prod-failures"), names(noPrefix.routesFor("payments-prod", Severity.FAILURE)));
  }

  @Test
  void prefixRule_takesTheNameUpToTheFirstSeparator() {
    assertEquals(Optional.of("payments"), PREFIX_TEAMS.teamOf("payments-prod-eu"));
    assertEquals(Optional.empty(), PREFIX_TEAMS.teamOf("standalone"));
    assertEquals(Optional.empty(), PREFIX_TEAMS.teamOf("-leading"));
  }

  @Test
  void glob_matchesTheWholeName_withStarAndQuestionMark() {
    assertTrue(ClusterPattern.of("payments-*").matches("payments-prod"));
    assertTrue(ClusterPattern.of("payments-*").matches("payments-"));
    assertFalse(ClusterPattern.of("payments-*").matches("old-payments-prod"));
    assertTrue(ClusterPattern.of("eks-?").matches("eks-1"));
    assertFalse(ClusterPattern.of("eks-?").matches("eks-12"));
    assertTrue(ClusterPattern.of("*-prod-*").matches("search-prod-eu"));
    assertTrue(ClusterPattern.of("").matches("anything"));
    // Regex characters in a glob are literal.
    assertFalse(ClusterPattern.of("a.c").matches("abc"));
    assertTrue(ClusterPattern.of("a.c").matches("a.c"));
  }

  @Test
  void routeWithANonHttpWebhook_isRefused_withoutEchoingTheUrl() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Route(
                    "ops",
                    "hooks.slack.com/services/SECRET",
                    Optional.empty(),
                    ClusterPattern.of("*"),
                    Set.of(Severity.FAILURE)));
    assertFalse(refused.getMessage().contains("SECRET"), refused.getMessage());
  }

  @Test
  void minimumSeverity_includesEverythingAboveIt() {
    assertEquals(
        Set.of(Severity.ACTION_NEEDED, Severity.FAILURE), Route.atLeast(Severity.ACTION_NEEDED));
  }

  @Test
  void aRoutePrinted_neverShowsItsWebhookUrl_whichIsACredential() {
    Route route = route("payments-alerts", "payments", "*", Set.of(Severity.FAILURE));
    String printed = route.toString() + " " + String.valueOf(route);
    assertFalse(printed.contains(route.webhookUrl()), printed);
    assertFalse(printed.contains("hooks.slack"), printed);
    assertTrue(printed.contains("payments-alerts"), printed);
  }
}
