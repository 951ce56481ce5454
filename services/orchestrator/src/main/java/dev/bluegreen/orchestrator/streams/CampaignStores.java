package dev.bluegreen.orchestrator.streams;

/** Names of the campaign processor's state stores, queried by the REST layer. */
public final class CampaignStores {

  private CampaignStores() {}

  /**
   * Campaign id → the campaign's head: its state without the members ({@link CampaignStorage}
   * assembles the whole).
   */
  public static final String CAMPAIGNS = "campaign-by-id";

  /** Campaign id → its request as accepted, member lists included. */
  public static final String SPECS = "campaign-spec-by-id";

  /** {@link #lineKey}(campaign id, member index) → one member of a campaign. */
  public static final String MEMBERS = "campaign-members";

  /**
   * {@link #lineKey} → one line of a campaign's audit trail. One key per line, not one value per
   * campaign: a campaign of a thousand members decides tens of thousands of times, and one value
   * would outgrow a Kafka record (the changelog) and be rewritten whole at every decision.
   */
  public static final String AUDIT_LINES = "campaign-audit-lines";

  /** Campaign id → how many lines its audit trail has (the next line's number). */
  public static final String AUDIT_COUNT = "campaign-audit-count";

  /** The key of line {@code n} of a campaign's trail; keys of one campaign sort in line order. */
  public static String lineKey(String campaignId, long n) {
    return campaignId + "/" + String.format("%012d", n);
  }

  /** The first key after every line of a campaign's trail. */
  public static String afterLines(String campaignId) {
    return campaignId + "/~";
  }
}
