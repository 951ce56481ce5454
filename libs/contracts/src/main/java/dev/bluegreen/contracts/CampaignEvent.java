package dev.bluegreen.contracts;

/**
 * Anything about a fleet campaign: its Kafka key and CloudEvent subject are the campaign id, not a
 * cluster. It names no upgrade and no cluster of its own; its members do.
 */
public interface CampaignEvent extends UpgradeEvent {
  /** The campaign. */
  String campaignId();

  @Override
  default String upgradeId() {
    return null;
  }

  @Override
  default String cluster() {
    return null;
  }
}
