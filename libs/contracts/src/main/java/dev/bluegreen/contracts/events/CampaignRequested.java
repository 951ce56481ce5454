package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.CampaignEvent;
import dev.bluegreen.contracts.OptionalField;
import java.time.Instant;
import java.util.List;

/**
 * A person asked for a fleet campaign: the members (resolved from a selector when asked, a
 * snapshot), their waves, how many may upgrade at once, the failure budget and the upgrade plan
 * template. A dry run only plans: each member's pre-flight runs for real, nothing changes.
 *
 * @param campaignId campaign id (Kafka key and CloudEvent subject)
 * @param name a name people recognise, e.g. "1.31 to 1.32, Q1"
 * @param selector the selector the members were resolved from, as given (for the record)
 * @param members every member, in the order they were resolved
 * @param waves the waves in order; every member is in exactly one
 * @param maxConcurrency members upgrading at once across the campaign (at least 1)
 * @param failureBudget failed members the campaign tolerates before it pauses
 * @param sameFailureLimit pause as soon as this many members failed in the same phase for the same
 *     reason, even within the budget; absent: off
 * @param plan the upgrade plan every member uses unless it has its own
 * @param notBefore start no member before this time
 * @param deadline when the campaign should be done (e.g. the end of standard support)
 * @param dryRun only plan: run each member's pre-flight, change nothing
 * @param requestedBy who asked
 * @param requestedAt when the API accepted it
 * @param selection the selector as given, structured (absent in campaigns requested before it was
 *     kept): with {@code passedOver}, what the fleet is compared with to report clusters that
 *     appeared or vanished since the snapshot
 * @param passedOver logical clusters the selector matched at the snapshot that are not members
 *     (already at the target, an upgrade in flight, no supported target)
 */
public record CampaignRequested(
    String campaignId,
    @OptionalField String name,
    @OptionalField String selector,
    List<CampaignMember> members,
    List<CampaignWave> waves,
    int maxConcurrency,
    int failureBudget,
    @OptionalField Integer sameFailureLimit,
    UpgradePlan plan,
    @OptionalField Instant notBefore,
    @OptionalField Instant deadline,
    @OptionalField boolean dryRun,
    String requestedBy,
    Instant requestedAt,
    @OptionalField CampaignSelector selection,
    @OptionalField List<String> passedOver)
    implements CampaignEvent {}
