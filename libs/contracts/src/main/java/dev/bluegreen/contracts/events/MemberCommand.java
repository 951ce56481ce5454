package dev.bluegreen.contracts.events;

/**
 * What a campaign asked of one member's upgrade.
 *
 * @param member the logical cluster
 * @param upgradeId the member's upgrade
 * @param action START for a new upgrade, else the control action sent to it
 */
public record MemberCommand(String member, String upgradeId, String action) {}
