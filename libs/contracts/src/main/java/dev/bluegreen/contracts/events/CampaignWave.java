package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.OptionalField;
import java.time.Duration;
import java.util.List;

/**
 * One wave (stage) of a campaign: its members start in order, at most {@code maxConcurrency} at a
 * time; the next wave starts after the last member is fully on green and the soak has passed.
 *
 * @param name the wave's name
 * @param members logical clusters, in start order
 * @param maxConcurrency members of this wave upgrading at once (at least 1)
 * @param soak how long to wait after the wave's last member is fully on green
 * @param approvalBefore a person must approve before the wave starts
 * @param failureBudget failed members this wave tolerates before the campaign pauses; absent: the
 *     campaign's budget alone applies
 */
public record CampaignWave(
    String name,
    List<String> members,
    int maxConcurrency,
    @OptionalField Duration soak,
    @OptionalField boolean approvalBefore,
    @OptionalField Integer failureBudget) {}
