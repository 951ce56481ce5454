package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.CampaignEvent;
import dev.bluegreen.contracts.OptionalField;
import java.time.Instant;

/**
 * A person asked to pause, resume, cancel, approve, start, skip a member of, retry a member of, or
 * roll back a campaign or one of its waves.
 *
 * @param campaignId the campaign
 * @param action the control action
 * @param member the member it is about (SKIP, RETRY)
 * @param wave the wave it is about (ROLLBACK of one wave)
 * @param actor who asked
 * @param reason why, free text
 * @param requestedAt when
 */
public record CampaignControlRequested(
    String campaignId,
    CampaignAction action,
    @OptionalField String member,
    @OptionalField String wave,
    String actor,
    @OptionalField String reason,
    Instant requestedAt)
    implements CampaignEvent {}
