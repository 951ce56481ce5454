package dev.bluegreen.orchestrator.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.campaign.core.Campaign;
import dev.bluegreen.campaign.core.CampaignDecider;
import dev.bluegreen.campaign.core.CampaignInput;
import dev.bluegreen.contracts.events.ApprovalGates;
import dev.bluegreen.contracts.events.CampaignMember;
import dev.bluegreen.contracts.events.CampaignRequested;
import dev.bluegreen.contracts.events.CampaignWave;
import dev.bluegreen.contracts.events.Freeze;
import dev.bluegreen.contracts.events.MaintenanceWindows;
import dev.bluegreen.contracts.events.TrafficStep;
import dev.bluegreen.contracts.events.UpgradePlan;
import dev.bluegreen.contracts.events.WindowSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CampaignViewTest {

  private static final Instant MONDAY_NOON = Instant.parse("2026-12-07T12:00:00Z");

  private static UpgradePlan plan(MaintenanceWindows windows) {
    return new UpgradePlan(
        List.of(TrafficStep.setWeight(100)),
        Duration.ofMinutes(1),
        new ApprovalGates(false, false),
        null,
        windows);
  }

  /** A campaign of these members in one wave, as first decided on Monday noon. */
  private static Campaign requested(List<CampaignMember> members) {
    List<String> names = members.stream().map(CampaignMember::cluster).toList();
    CampaignRequested request =
        new CampaignRequested(
            "cmp-view",
            "windows",
            null,
            members,
            List.of(new CampaignWave("all", names, names.size(), null, false, null)),
            names.size(),
            0,
            null,
            plan(null),
            null,
            null,
            true,
            "alice",
            MONDAY_NOON,
            null,
            null);
    return new CampaignDecider()
        .decide(null, new CampaignInput.Requested("e1", "requested", MONDAY_NOON, request))
        .next();
  }

  @Test
  void eachMember_showsTheWindowsItsDisruptiveWorkMayStartIn_andWhenTheyNextOpen() {
    MaintenanceWindows tuesdayNights =
        new MaintenanceWindows(
            List.of(new WindowSchedule("0 2 * * TUE", "UTC", Duration.ofHours(4))),
            List.of(
                new Freeze(
                    Instant.parse("2026-12-21T00:00:00Z"),
                    Instant.parse("2027-01-04T00:00:00Z"),
                    "year-end")));
    Campaign c =
        requested(
            List.of(
                new CampaignMember(
                    "pay-1", "pay-1", "1.32", "1.33", "payments", plan(tuesdayNights)),
                new CampaignMember("search-1", "search-1", "1.32", "1.33", "search", null)));

    CampaignView view = CampaignView.of(c, MONDAY_NOON, Duration.ofMinutes(30));
    assertEquals(List.of(), view.fleetFreezes());

    CampaignView.MemberView pay = view.waves().get(0).members().get(0);
    assertEquals(
        "'0 2 * * TUE' UTC for PT4H; frozen 2026-12-21T00:00:00Z to 2027-01-04T00:00:00Z"
            + " (year-end)",
        pay.windows());
    assertEquals(Instant.parse("2026-12-08T02:00:00Z"), pay.windowOpensAt());
    CampaignView.MemberView search = view.waves().get(0).members().get(1);
    assertNull(search.windows(), "no windows: any time");
    assertNull(search.windowOpensAt());
  }

  @Test
  void aStandingFleetFreeze_isShown_andHoldsEveryMembersNextOpening() {
    Campaign c =
        requested(
            List.of(new CampaignMember("search-1", "search-1", "1.32", "1.33", "search", null)));
    Freeze incident =
        new Freeze(
            MONDAY_NOON.minusSeconds(600),
            Instant.parse("2026-12-08T06:00:00Z"),
            "fleet freeze inc-42: incident");

    CampaignView view = CampaignView.of(c, MONDAY_NOON, Duration.ofMinutes(30), List.of(incident));

    assertEquals(List.of(incident), view.fleetFreezes());
    CampaignView.MemberView search = view.waves().get(0).members().get(0);
    assertEquals(Instant.parse("2026-12-08T06:00:00Z"), search.windowOpensAt());
    assertTrue(search.windows().contains("inc-42"), search.windows());
  }
}
