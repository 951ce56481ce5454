package dev.bluegreen.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.campaign.core.Campaign;
import dev.bluegreen.campaign.core.CampaignDecider;
import dev.bluegreen.campaign.core.CampaignDecision;
import dev.bluegreen.campaign.core.CampaignInput;
import dev.bluegreen.campaign.recording.CampaignInputs;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.EventTypes;
import dev.bluegreen.contracts.events.ApprovalGates;
import dev.bluegreen.contracts.events.CampaignAction;
import dev.bluegreen.contracts.events.CampaignControlRequested;
import dev.bluegreen.contracts.events.CampaignMember;
import dev.bluegreen.contracts.events.CampaignRequested;
import dev.bluegreen.contracts.events.CampaignTransitioned;
import dev.bluegreen.contracts.events.CampaignWave;
import dev.bluegreen.contracts.events.TrafficStep;
import dev.bluegreen.contracts.events.UpgradePlan;
import dev.bluegreen.contracts.events.UpgradeState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A campaign's audit log decided by the real {@link CampaignDecider}, each entry with its input
 * attached exactly as the orchestrator's {@code CampaignProcessor} records it: two waves (a canary,
 * then two members with a budget of 0), a pre-flight failure that stops the line, a refused
 * control, a redelivered member update (decided, not audited), a retry after the fix, completion.
 */
final class CampaignHistory {

  static final ObjectMapper JSON = CloudEventCodec.newObjectMapper();

  final String id;
  final List<CampaignTransitioned> log = new ArrayList<>();
  private final CampaignDecider decider = new CampaignDecider();
  private Campaign state;
  private Instant now;
  private int seq;

  private CampaignHistory(String id, Instant start) {
    this.id = id;
    this.now = start;
  }

  static CampaignHistory stopTheLineThenRetry(String id, Instant start) {
    CampaignHistory h = new CampaignHistory(id, start);
    h.feed(
        new CampaignInput.Requested(
            h.next(), EventTypes.CAMPAIGN_REQUESTED.ceType(), h.now, h.spec()));
    h.move("search-001", UpgradeState.HANDOVER, UpgradeState.SOAKING, "on green");
    h.move("search-002", UpgradeState.PREFLIGHT, UpgradeState.SHIFTING, "shifting");
    CampaignInput.MemberUpdate failed =
        h.move(
            "payments-001",
            UpgradeState.PREFLIGHT,
            UpgradeState.FAILED,
            "pre-flight checks failed: removed-apis");
    h.feed(failed); // redelivered: decided again, changes nothing, not audited
    h.control(CampaignAction.APPROVE, null); // no gate waits: refused
    h.control(CampaignAction.RETRY, "payments-001");
    h.move("payments-001", UpgradeState.PREFLIGHT, UpgradeState.COMPLETED, "done");
    h.move("search-002", UpgradeState.SHIFTING, UpgradeState.COMPLETED, "done");
    h.move("search-001", UpgradeState.SOAKING, UpgradeState.COMPLETED, "done");
    return h;
  }

  Campaign state() {
    return state;
  }

  List<CloudEvent<?>> events() {
    return log.stream()
        .<CloudEvent<?>>map(t -> CloudEvent.of("/bluegreen/orchestrator", t, t.at()))
        .toList();
  }

  private CampaignRequested spec() {
    List<CampaignMember> members =
        List.of(member("search-001"), member("search-002"), member("payments-001"));
    return new CampaignRequested(
        id,
        "replayed",
        null,
        members,
        List.of(
            new CampaignWave("canary", List.of("search-001"), 1, null, false, null),
            new CampaignWave("rest", List.of("search-002", "payments-001"), 2, null, false, 0)),
        5,
        0,
        null,
        new UpgradePlan(
            List.of(TrafficStep.setWeight(100)),
            Duration.ofMinutes(10),
            new ApprovalGates(false, false),
            null),
        null,
        null,
        false,
        "alice",
        now,
        null,
        null);
  }

  private static CampaignMember member(String name) {
    return new CampaignMember(name, name, "1.32", "1.33", name.split("-")[0], null);
  }

  private String next() {
    now = now.plusSeconds(30);
    return id + "-in-" + (++seq);
  }

  private CampaignInput.MemberUpdate move(
      String member, UpgradeState from, UpgradeState to, String reason) {
    String upgradeId = state.member(member).orElseThrow().upgradeId();
    CampaignInput.MemberUpdate u =
        new CampaignInput.MemberUpdate(
            next(),
            EventTypes.UPGRADE_TRANSITIONED.ceType(),
            now,
            member,
            upgradeId,
            from,
            to,
            reason,
            false,
            false,
            false);
    feed(u);
    return u;
  }

  private void control(CampaignAction action, String member) {
    String eventId = next();
    feed(
        new CampaignInput.Control(
            eventId,
            EventTypes.CAMPAIGN_CONTROL_REQUESTED.ceType(),
            now,
            new CampaignControlRequested(id, action, member, null, "bob", "because", now)));
  }

  /** As the processor: decide, attach the recorded input to the entry, store the next state. */
  private void feed(CampaignInput input) {
    CampaignDecision d = decider.decide(state, input);
    CampaignTransitioned entry =
        CampaignInputs.attach(d.auditEntry(), CampaignInputs.of(input, JSON));
    if (entry != null) {
      log.add(entry);
    }
    if (d.next() != null) {
      state = d.next();
    }
  }
}
