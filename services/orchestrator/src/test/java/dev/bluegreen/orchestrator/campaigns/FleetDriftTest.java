package dev.bluegreen.orchestrator.campaigns;

import static dev.bluegreen.orchestrator.campaigns.CampaignPlannerTest.FLEET;
import static dev.bluegreen.orchestrator.campaigns.CampaignPlannerTest.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.events.CampaignRequested;
import dev.bluegreen.orchestrator.inventory.LogicalCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Clusters that appear in or vanish from the fleet after a campaign's snapshot are reported. */
class FleetDriftTest {

  /** search-* to 1.33: search-002 and search-011 members, search-005 passed over (at 1.33). */
  static CampaignRequested searchTo133() {
    CampaignRequested spec =
        CampaignPlanner.plan(
                CampaignPlannerTest.body(
                    "1.33",
                    new CampaignBody.Selector(List.of("search-*"), null, null, null, null, null),
                    null,
                    "1",
                    "0"),
                CampaignPlannerTest.ctx(Map.of()))
            .request();
    assertEquals(
        List.of("search-002", "search-011"),
        spec.members().stream().map(m -> m.cluster()).toList());
    assertEquals(List.of("search-005"), spec.passedOver());
    return spec;
  }

  @Test
  void theSameFleet_hasNoDrift_evenOnceTheMembersAreUpgraded() {
    CampaignRequested spec = searchTo133();
    List<LogicalCluster> upgraded = new ArrayList<>(FLEET);
    upgraded.replaceAll(
        c -> c.name().equals("search-002") ? cluster("search-002", "1.33", "1.34") : c);

    FleetDrift drift = FleetDrift.of(spec, upgraded, Map.of()).orElseThrow();

    assertEquals(List.of(), drift.appeared());
    assertEquals(List.of(), drift.vanished());
  }

  @Test
  void aNewClusterTheSelectorNames_isReportedAsAppeared_andAGoneMemberAsVanished() {
    CampaignRequested spec = searchTo133();
    List<LogicalCluster> later = new ArrayList<>(FLEET);
    later.removeIf(c -> c.name().equals("search-011"));
    later.add(cluster("search-014", "1.32", "1.33"));
    later.add(cluster("payments-015", "1.32", "1.33")); // not named by search-*

    FleetDrift drift = FleetDrift.of(spec, later, Map.of()).orElseThrow();

    assertEquals(
        List.of(new FleetDrift.Appeared("search-014", "search", "1.32")), drift.appeared());
    assertEquals(List.of("search-011"), drift.vanished());
  }

  @Test
  void aClusterTheSelectorDidNotMatchAtTheSnapshot_isNotReported_unlessItMatchesNow() {
    // Only 1.32 clusters of search: search-005 (1.33) never matched; a new 1.32 cluster does.
    CampaignRequested spec =
        CampaignPlanner.plan(
                CampaignPlannerTest.body(
                    "1.33",
                    new CampaignBody.Selector(
                        List.of("search-*"), null, List.of("1.32"), null, null, null),
                    null,
                    "1",
                    "0"),
                CampaignPlannerTest.ctx(Map.of()))
            .request();
    assertEquals(List.of(), spec.passedOver());
    List<LogicalCluster> later = new ArrayList<>(FLEET);
    later.add(cluster("search-017", "1.32", "1.33"));

    FleetDrift drift = FleetDrift.of(spec, later, Map.of()).orElseThrow();

    assertEquals(
        List.of(new FleetDrift.Appeared("search-017", "search", "1.32")), drift.appeared());
  }

  @Test
  void aCampaignRequestedBeforeItsSelectorWasKept_hasNothingToCompare() {
    CampaignRequested spec = searchTo133();
    CampaignRequested old =
        new CampaignRequested(
            spec.campaignId(),
            spec.name(),
            spec.selector(),
            spec.members(),
            spec.waves(),
            spec.maxConcurrency(),
            spec.failureBudget(),
            spec.sameFailureLimit(),
            spec.plan(),
            spec.notBefore(),
            spec.deadline(),
            spec.dryRun(),
            spec.requestedBy(),
            spec.requestedAt(),
            null,
            null);

    assertTrue(FleetDrift.of(old, FLEET, Map.of()).isEmpty());
  }
}
