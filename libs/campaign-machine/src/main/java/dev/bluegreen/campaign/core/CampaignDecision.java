package dev.bluegreen.campaign.core;

import dev.bluegreen.contracts.events.CampaignTransitioned;
import java.util.List;

/**
 * What {@code decide} answers: the next state, the orders for members' upgrades, and the audit
 * entry (null when the input changed nothing worth recording, e.g. a quiet tick or a redelivery).
 */
public record CampaignDecision(
    Campaign next, List<MemberOrder> orders, CampaignTransitioned auditEntry) {

  public CampaignDecision {
    orders = List.copyOf(orders);
  }

  static CampaignDecision nothing(Campaign state) {
    return new CampaignDecision(state, List.of(), null);
  }
}
