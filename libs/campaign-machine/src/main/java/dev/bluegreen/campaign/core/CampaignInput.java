package dev.bluegreen.campaign.core;

import dev.bluegreen.contracts.events.CampaignControlRequested;
import dev.bluegreen.contracts.events.CampaignRequested;
import dev.bluegreen.contracts.events.UpgradeState;
import java.time.Instant;

/** What a campaign's {@code decide} is fed: requests, controls, members' progress, the clock. */
public sealed interface CampaignInput {

  /**
   * Id of the input (its CloudEvent id, or the timer's deterministic id): redeliveries repeat it.
   */
  String eventId();

  /** CloudEvent type of the input, as the audit entry names its cause. */
  String type();

  /** Who or what sent it. */
  String actor();

  /** When: the input's time, which {@code decide} takes as now. */
  Instant at();

  /** A person asked for the campaign. */
  record Requested(String eventId, String type, Instant at, CampaignRequested request)
      implements CampaignInput {
    @Override
    public String actor() {
      return request.requestedBy();
    }
  }

  /** A person asked for a control action. */
  record Control(String eventId, String type, Instant at, CampaignControlRequested control)
      implements CampaignInput {
    @Override
    public String actor() {
      return control.actor();
    }
  }

  /**
   * A member's upgrade decided something (one of its audit entries).
   *
   * @param eventId the audit entry's id
   * @param type its CloudEvent type
   * @param at when the upgrade decided
   * @param member the logical cluster
   * @param upgradeId the upgrade
   * @param from its state before (a transition)
   * @param to its state after (a transition); null for a rejection
   * @param reason why, in the upgrade's words
   * @param rejected the upgrade refused an input of the campaign's
   * @param startRefused the refused input was the campaign's start request
   * @param duplicate the refused input was a redelivery (nothing to learn)
   */
  record MemberUpdate(
      String eventId,
      String type,
      Instant at,
      String member,
      String upgradeId,
      UpgradeState from,
      UpgradeState to,
      String reason,
      boolean rejected,
      boolean startRefused,
      boolean duplicate)
      implements CampaignInput {
    @Override
    public String actor() {
      return "upgrade/" + upgradeId;
    }
  }

  /** The wall clock: start times, soaks. */
  record Tick(String eventId, Instant at) implements CampaignInput {
    /** CloudEvent-like type of a timer input, as the audit entries name it. */
    public static final String TYPE = "dev.bluegreen.orchestrator.CampaignTimer";

    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public String actor() {
      return "timer";
    }
  }
}
