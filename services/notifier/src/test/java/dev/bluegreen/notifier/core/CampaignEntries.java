package dev.bluegreen.notifier.core;

import dev.bluegreen.contracts.EventTypes;
import dev.bluegreen.contracts.events.CampaignStatus;
import dev.bluegreen.contracts.events.CampaignTransitioned;
import dev.bluegreen.contracts.events.Cause;
import dev.bluegreen.contracts.events.MemberCommand;
import dev.bluegreen.contracts.events.MemberStatus;
import dev.bluegreen.contracts.events.RecordedInput;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A campaign's decisions as the orchestrator writes them to {@code campaign.audit.v1}, for tests:
 * two waves ({@code canary}: search-001; {@code rest}: search-002, payments-001).
 */
public final class CampaignEntries {

  public static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

  private final String id;

  public CampaignEntries(String id) {
    this.id = id;
  }

  /** The first decision: requested and started, search-001 ordered to start. */
  public CampaignTransitioned started() {
    Map<String, Object> request =
        Map.of(
            "campaignId",
            id,
            "name",
            "1.32 to 1.33",
            "waves",
            List.of(Map.of("name", "canary"), Map.of("name", "rest")));
    return entry(
        null,
        CampaignStatus.RUNNING,
        0,
        null,
        null,
        "started: wave canary; wave canary: started [search-001]",
        false,
        List.of(start("search-001")),
        new RecordedInput(
            "in-" + UUID.randomUUID(),
            EventTypes.CAMPAIGN_REQUESTED.ceType(),
            "alice",
            AT,
            request));
  }

  /** A member's progress: not news. */
  public CampaignTransitioned memberOnGreen() {
    return entry(
        CampaignStatus.RUNNING,
        CampaignStatus.RUNNING,
        0,
        "search-001",
        MemberStatus.ON_GREEN,
        "search-001 is on green",
        false,
        List.of(),
        null);
  }

  /** The canary wave done, the next one starting two members. */
  public CampaignTransitioned nextWave() {
    return entry(
        CampaignStatus.RUNNING,
        CampaignStatus.RUNNING,
        1,
        "search-001",
        MemberStatus.COMPLETED,
        "wave canary done; wave rest starts; wave rest: started [search-002, payments-001]",
        false,
        List.of(start("search-002"), start("payments-001")),
        null);
  }

  /** payments-001 failed past the budget: the line stops. */
  public CampaignTransitioned stoppedTheLine() {
    return entry(
        CampaignStatus.RUNNING,
        CampaignStatus.PAUSED,
        1,
        "payments-001",
        MemberStatus.FAILED,
        "stopped the line: 1 failed member (payments-001 in PREFLIGHT: removed APIs) past the"
            + " budget of 0",
        false,
        List.of(),
        null);
  }

  /** A control the campaign refused: not news (the person who asked was told). */
  public CampaignTransitioned refused() {
    return entry(
        CampaignStatus.PAUSED,
        CampaignStatus.PAUSED,
        1,
        null,
        null,
        "no gate waits for approval",
        true,
        List.of(),
        null);
  }

  /** A gate waits for a person. */
  public CampaignTransitioned gateWaiting() {
    return entry(
        CampaignStatus.RUNNING,
        CampaignStatus.AWAITING_APPROVAL,
        1,
        null,
        null,
        "wave rest waits for approval",
        false,
        List.of(),
        null);
  }

  /** Every member ended. */
  public CampaignTransitioned completed() {
    return entry(
        CampaignStatus.RUNNING,
        CampaignStatus.COMPLETED,
        1,
        "search-002",
        MemberStatus.COMPLETED,
        "completed: {COMPLETED=3}",
        false,
        List.of(),
        null);
  }

  private MemberCommand start(String member) {
    return new MemberCommand(member, "upg-" + member, "START");
  }

  private CampaignTransitioned entry(
      CampaignStatus from,
      CampaignStatus to,
      int wave,
      String member,
      MemberStatus memberStatus,
      String reason,
      boolean rejected,
      List<MemberCommand> commands,
      RecordedInput input) {
    return new CampaignTransitioned(
        id,
        from,
        to,
        wave,
        member,
        memberStatus,
        new Cause("evt-" + UUID.randomUUID(), "dev.bluegreen.CampaignControlRequested.v1"),
        rejected ? "bob" : "orchestrator",
        reason,
        rejected,
        AT,
        1,
        commands,
        input);
  }
}
