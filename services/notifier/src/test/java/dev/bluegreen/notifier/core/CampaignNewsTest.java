package dev.bluegreen.notifier.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.events.CampaignStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which campaign decisions are news, and what they say. */
class CampaignNewsTest {

  private final CampaignEntries entries = new CampaignEntries("cmp-1");
  private final CampaignNews.Desk desk = new CampaignNews.Desk(10);

  @Test
  void started_namesTheCampaignAndItsFirstWave_fromTheRecordedRequest() {
    CampaignNews news = desk.read(entries.started()).orElseThrow();
    assertEquals("campaign started: wave 1/2 canary", news.headline());
    assertEquals("1.32 to 1.33", news.campaignName());
    assertEquals(Severity.INFO, news.severity());
    assertEquals(List.of("search-001"), news.members());
    assertEquals("→ RUNNING", news.statusChange());
  }

  @Test
  void aMembersProgress_isNotNews_butTheNextWaveIs() {
    desk.read(entries.started());
    assertEquals(Optional.empty(), desk.read(entries.memberOnGreen()));
    CampaignNews news = desk.read(entries.nextWave()).orElseThrow();
    assertEquals("wave 1/2 canary finished; wave 2/2 rest started", news.headline());
    assertEquals(Severity.SUCCESS, news.severity());
    assertEquals(List.of("search-001", "search-002", "payments-001"), news.members());
  }

  @Test
  void stoppingTheLine_isActionNeeded_withTheReason_andTheMemberConcerned() {
    desk.read(entries.started());
    desk.read(entries.nextWave());
    CampaignNews news = desk.read(entries.stoppedTheLine()).orElseThrow();
    assertEquals("campaign paused at wave 2/2 rest", news.headline());
    assertEquals(Severity.ACTION_NEEDED, news.severity());
    assertTrue(news.reason().startsWith("stopped the line: "), news.reason());
    assertEquals(List.of("payments-001"), news.members());
    assertEquals("RUNNING → PAUSED", news.statusChange());
  }

  @Test
  void aRefusedControl_isNotNews_aGateWaitingIs_andTheEnd() {
    assertEquals(Optional.empty(), desk.read(entries.refused()));
    CampaignNews gate = desk.read(entries.gateWaiting()).orElseThrow();
    assertEquals(Severity.ACTION_NEEDED, gate.severity());
    assertEquals("wave 2 waits for approval", gate.headline(), "wave names unknown: a number");
    CampaignNews done = desk.read(entries.completed()).orElseThrow();
    assertEquals("campaign completed", done.headline());
    assertEquals(Severity.SUCCESS, done.severity());
  }

  @Test
  void aWaveChange_isNotGuessed_forACampaignFirstSeenMidway() {
    // After a restart the desk knows nothing about the campaign: the wave it is at is not news.
    assertEquals(Optional.empty(), desk.read(entries.nextWave()));
  }

  @Test
  void theOutcomes_haveTheirSeverities() {
    CampaignEntries e = new CampaignEntries("cmp-2");
    var cancelled = e.completed();
    var rolledBack = e.completed();
    cancelled =
        new dev.bluegreen.contracts.events.CampaignTransitioned(
            cancelled.campaignId(),
            CampaignStatus.CANCELLING,
            CampaignStatus.CANCELLED,
            cancelled.wave(),
            null,
            null,
            cancelled.cause(),
            cancelled.actor(),
            "cancelled",
            false,
            cancelled.at(),
            1,
            List.of(),
            null);
    rolledBack =
        new dev.bluegreen.contracts.events.CampaignTransitioned(
            rolledBack.campaignId(),
            CampaignStatus.ROLLING_BACK,
            CampaignStatus.ROLLED_BACK,
            rolledBack.wave(),
            null,
            null,
            rolledBack.cause(),
            rolledBack.actor(),
            "back on blue",
            false,
            rolledBack.at(),
            1,
            List.of(),
            null);
    assertEquals(Severity.WARNING, desk.read(cancelled).orElseThrow().severity());
    CampaignNews back = desk.read(rolledBack).orElseThrow();
    assertEquals(Severity.FAILURE, back.severity());
    assertEquals("campaign rolled back", back.headline());
  }
}
