package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.OptionalField;

/**
 * One logical cluster of a campaign, as it was when the campaign was created (membership is a
 * snapshot).
 *
 * @param cluster the logical cluster
 * @param blueCluster the EKS cluster serving it when the campaign was created
 * @param currentVersion its version then
 * @param targetVersion the version its upgrade goes to
 * @param team the owning team (the EKS team tag), if tagged
 * @param plan this member's own upgrade plan, overriding the campaign's template
 */
public record CampaignMember(
    String cluster,
    String blueCluster,
    @OptionalField String currentVersion,
    String targetVersion,
    @OptionalField String team,
    @OptionalField UpgradePlan plan) {}
