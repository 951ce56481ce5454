package dev.bluegreen.campaign.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.bluegreen.contracts.events.CampaignMember;
import dev.bluegreen.contracts.events.CampaignRequested;
import dev.bluegreen.contracts.events.CampaignStatus;
import dev.bluegreen.contracts.events.CampaignWave;
import dev.bluegreen.contracts.events.MemberStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the orchestrator keeps about one campaign: the value of the campaign store (as JSON).
 * Immutable; {@link CampaignDecider} makes the next one.
 *
 * @param decisionVersion version of the decision logic that runs it
 * @param spec the request, as accepted (members, waves, budget, plan template)
 * @param status where the campaign is
 * @param wave index of the current wave
 * @param members every member, in the request's order
 * @param approvedWaves waves whose gate a person approved
 * @param soakUntil when the current wave's soak ends, once its members are all on green
 * @param pausedFrom the status a pause interrupted, while PAUSED
 * @param pauseReason why it is paused, while PAUSED
 * @param pausedByBudget paused because failures passed the budget (it resumes itself when retried
 *     members bring them back within it)
 * @param seenInputs recently applied input ids, to ignore redeliveries
 * @param createdAt when the campaign was requested
 * @param updatedAt when it last changed
 * @param endedAt when it reached a terminal status
 * @param lastReason the last decision, in words
 */
public record Campaign(
    int decisionVersion,
    CampaignRequested spec,
    CampaignStatus status,
    int wave,
    List<Member> members,
    List<Integer> approvedWaves,
    Instant soakUntil,
    CampaignStatus pausedFrom,
    String pauseReason,
    boolean pausedByBudget,
    List<String> seenInputs,
    Instant createdAt,
    Instant updatedAt,
    Instant endedAt,
    String lastReason) {

  public Campaign {
    members = List.copyOf(members);
    approvedWaves = approvedWaves == null ? List.of() : List.copyOf(approvedWaves);
    seenInputs = seenInputs == null ? List.of() : List.copyOf(seenInputs);
  }

  /** The campaign id. */
  public String id() {
    return spec.campaignId();
  }

  /** The member of that logical cluster, if it is one. */
  public Optional<Member> member(String cluster) {
    return members.stream().filter(m -> m.cluster().equals(cluster)).findFirst();
  }

  /** The spec's waves. */
  @JsonIgnore
  public List<CampaignWave> waves() {
    return spec.waves();
  }

  /** How many members stand where. */
  @JsonIgnore
  public Map<MemberStatus, Integer> counts() {
    Map<MemberStatus, Integer> counts = new TreeMap<>();
    for (Member m : members) {
      counts.merge(m.status(), 1, Integer::sum);
    }
    return counts;
  }

  /** Failures that still count against the campaign's budget. */
  @JsonIgnore
  public int failuresCounted() {
    return (int) members.stream().filter(Member::countsAsFailure).count();
  }

  /** The request's member entry of a cluster (its plan override, if any). */
  CampaignMember specOf(String cluster) {
    return spec.members().stream()
        .filter(m -> m.cluster().equals(cluster))
        .findFirst()
        .orElseThrow();
  }

  /** This campaign, having seen {@code input} (a refused control changes nothing else). */
  Campaign withSeen(CampaignInput input, String reason) {
    return new Campaign(
        decisionVersion,
        spec,
        status,
        wave,
        members,
        approvedWaves,
        soakUntil,
        pausedFrom,
        pauseReason,
        pausedByBudget,
        remember(seenInputs, input),
        createdAt,
        updatedAt,
        endedAt,
        reason);
  }

  /** The recent input ids with this one added; timer ticks are not kept (they never repeat). */
  static List<String> remember(List<String> seen, CampaignInput input) {
    if (input instanceof CampaignInput.Tick) {
      return seen;
    }
    List<String> next = new java.util.ArrayList<>(seen);
    next.add(input.eventId());
    return next.size() > CampaignDecider.SEEN_KEPT
        ? next.subList(next.size() - CampaignDecider.SEEN_KEPT, next.size())
        : next;
  }
}
