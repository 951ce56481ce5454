package dev.bluegreen.campaign.recording;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.campaign.core.CampaignInput;
import dev.bluegreen.contracts.EventTypes;
import dev.bluegreen.contracts.events.CampaignControlRequested;
import dev.bluegreen.contracts.events.CampaignRequested;
import dev.bluegreen.contracts.events.CampaignTransitioned;
import dev.bluegreen.contracts.events.RecordedInput;
import java.util.Map;

/**
 * Records the input a campaign decision saw in its audit entry, and reads it back, so that the
 * campaign audit log replays through {@code decide} (what {@code bin/replay --campaign} does).
 * (Outside {@code core/}: it maps JSON.)
 */
public final class CampaignInputs {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private CampaignInputs() {}

  /** The input as the audit log records it. */
  public static RecordedInput of(CampaignInput input, ObjectMapper json) {
    Object data =
        input instanceof CampaignInput.Requested r
            ? r.request()
            : input instanceof CampaignInput.Control c
                ? c.control()
                : input instanceof CampaignInput.MemberUpdate u ? u : null;
    return new RecordedInput(
        input.eventId(),
        input.type(),
        input.actor(),
        input.at(),
        data == null ? null : json.convertValue(data, MAP));
  }

  /** The entry with its input attached; null stays null. */
  public static CampaignTransitioned attach(CampaignTransitioned t, RecordedInput input) {
    if (t == null) {
      return null;
    }
    return new CampaignTransitioned(
        t.campaignId(),
        t.from(),
        t.to(),
        t.wave(),
        t.member(),
        t.memberStatus(),
        t.cause(),
        t.actor(),
        t.reason(),
        t.rejected(),
        t.at(),
        t.decisionVersion(),
        t.commands(),
        input);
  }

  /** The input an audit entry recorded, as decide saw it. */
  public static CampaignInput restore(RecordedInput in, ObjectMapper json) {
    if (EventTypes.CAMPAIGN_REQUESTED.ceType().equals(in.type())) {
      return new CampaignInput.Requested(
          in.eventId(),
          in.type(),
          in.time(),
          json.convertValue(in.data(), CampaignRequested.class));
    }
    if (EventTypes.CAMPAIGN_CONTROL_REQUESTED.ceType().equals(in.type())) {
      return new CampaignInput.Control(
          in.eventId(),
          in.type(),
          in.time(),
          json.convertValue(in.data(), CampaignControlRequested.class));
    }
    if (CampaignInput.Tick.TYPE.equals(in.type())) {
      return new CampaignInput.Tick(in.eventId(), in.time());
    }
    return json.convertValue(in.data(), CampaignInput.MemberUpdate.class);
  }
}
