package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.CampaignEvent;
import dev.bluegreen.contracts.OptionalField;
import java.time.Instant;
import java.util.List;

/**
 * Orchestrator: a campaign decided something about one input: it moved, started or controlled
 * members, took note of a member's progress, or refused a control.
 *
 * @param campaignId the campaign
 * @param from status before; absent for the first entry
 * @param to status after
 * @param wave index of the current wave (0-based)
 * @param member the member the input was about, if any
 * @param memberStatus that member's status after the input
 * @param cause the input
 * @param actor who or what caused it
 * @param reason why, in words
 * @param rejected true when the input was refused and nothing changed
 * @param at when the orchestrator decided
 * @param decisionVersion version of the campaign decision logic
 * @param commands what was asked of members' upgrades
 * @param input the input exactly as decide saw it, for deterministic replay
 */
public record CampaignTransitioned(
    String campaignId,
    @OptionalField CampaignStatus from,
    CampaignStatus to,
    int wave,
    @OptionalField String member,
    @OptionalField MemberStatus memberStatus,
    Cause cause,
    String actor,
    String reason,
    @OptionalField boolean rejected,
    Instant at,
    int decisionVersion,
    List<MemberCommand> commands,
    @OptionalField RecordedInput input)
    implements CampaignEvent {}
