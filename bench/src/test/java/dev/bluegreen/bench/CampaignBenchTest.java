package dev.bluegreen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.cloudsim.core.Fleet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CampaignBenchTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void request_namesEveryMemberOnce_withTheConcurrencyAndTheBenchPlan() throws Exception {
    List<Fleet.FleetCluster> members = PlatformBench.upgradableFleet(7).clusters();

    JsonNode body = JSON.readTree(CampaignBench.request(members, 3));

    List<String> names = new ArrayList<>();
    body.path("selector").path("clusters").forEach(n -> names.add(n.asText()));
    assertEquals(members.stream().map(Fleet.FleetCluster::name).toList(), names);
    assertEquals("3", body.path("maxConcurrency").asText());
    assertEquals("next", body.path("targetVersion").asText());
    assertEquals(2, body.path("plan").path("steps").size());
    assertEquals("PT2S", body.path("plan").path("retention").asText());
    assertEquals(false, body.path("plan").path("approvalGates").path("beforeShift").asBoolean());
  }

  @Test
  void upgradableFleet_holdsOnlyClustersWithANextVersionAndNoRemovedApis() {
    Fleet fleet = PlatformBench.upgradableFleet(30);

    assertEquals(30, fleet.clusters().size());
    fleet
        .clusters()
        .forEach(
            c -> {
              assertEquals(List.of(), c.deprecatedApis(), c.name());
              assertEquals(false, c.version().equals("1.34"), c.name());
            });
  }

  @Test
  void members_timeUpgrading_isStartedToSettled_andUnsettledMembersAreLeftOut() throws Exception {
    JsonNode campaign =
        JSON.readTree(
            """
            {"waves":[{"members":[
              {"status":"COMPLETED","startedAt":"2026-12-07T00:00:00Z","settledAt":"2026-12-07T00:00:20Z"},
              {"status":"COMPLETED","startedAt":"2026-12-07T00:00:10Z","settledAt":"2026-12-07T00:00:40Z"},
              {"status":"PENDING"}]}]}
            """);

    CampaignBench.Members m = CampaignBench.Members.of(campaign);

    assertEquals(50.0, m.totalUpgrading(), 1e-9);
    assertEquals(30.0, m.percentile(99), 1e-9);
  }
}
