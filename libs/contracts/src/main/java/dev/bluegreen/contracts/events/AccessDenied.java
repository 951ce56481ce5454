package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.OptionalField;
import dev.bluegreen.contracts.UpgradeEvent;
import java.time.Instant;

/**
 * Orchestrator API: a signed-in person was refused (403: another team's cluster, a missing role,
 * four eyes; 422: a request that loosens a policy). On its own audit topic, kept forever, so that
 * who tried what, and why it was refused, is part of the history a postmortem replays. Anonymous
 * refusals (401) are logged and counted only: anyone can send them, the log is kept forever.
 *
 * @param subject what the attempt was about, and the Kafka key: a logical cluster, a campaign id,
 *     or {@code fleet} for an attempt on no one thing (a list, a new campaign)
 * @param cluster the logical cluster, when the attempt was about one
 * @param upgradeId the upgrade, when the attempt was about one
 * @param campaignId the campaign, when the attempt was about one
 * @param actor who: the token's subject
 * @param action what: request, approve, pause, resume, cancel, rollback, retry, read, ...
 * @param status the HTTP status answered
 * @param reason a short fixed word for why (wrong-team, role, four-eyes, policy)
 * @param detail the full reason, as the problem's detail said it
 * @param at when it was refused
 */
public record AccessDenied(
    String subject,
    @OptionalField String cluster,
    @OptionalField String upgradeId,
    @OptionalField String campaignId,
    String actor,
    String action,
    int status,
    String reason,
    String detail,
    Instant at)
    implements UpgradeEvent {

  /** The subject of an attempt that was about no one cluster or campaign. */
  public static final String FLEET = "fleet";
}
