package dev.bluegreen.e2e.chaos;

import java.util.Map;

/**
 * What the chaos run's fleet campaign did.
 *
 * @param id the campaign
 * @param members clusters asked for
 * @param waves waves it was cut into
 * @param status the status it ended in (or was last seen in)
 * @param memberStatuses members by the status the campaign gives them
 * @param upgrades the members' upgrades by the state they ended in
 * @param upgradeOf each member's upgrade, as the API shows it
 */
public record CampaignOutcome(
    String id,
    int members,
    int waves,
    String status,
    Map<String, Integer> memberStatuses,
    Map<String, Integer> upgrades,
    Map<String, String> upgradeOf) {}
