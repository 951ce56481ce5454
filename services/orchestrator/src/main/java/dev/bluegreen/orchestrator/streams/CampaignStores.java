package dev.bluegreen.orchestrator.streams;

/** Names of the campaign processor's state stores, queried by the REST layer. */
public final class CampaignStores {

  private CampaignStores() {}

  /** Campaign id → the campaign's state. */
  public static final String CAMPAIGNS = "campaign-by-id";

  /** Campaign id → its audit trail. */
  public static final String AUDIT = "campaign-audit-by-id";
}
