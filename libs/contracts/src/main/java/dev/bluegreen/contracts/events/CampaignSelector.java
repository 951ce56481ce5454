package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.OptionalField;
import java.util.List;
import java.util.Map;

/**
 * Which logical clusters a campaign was asked for: every field narrows; names are exact or globs
 * ({@code search-*}). Kept with the campaign so the fleet can be compared with its snapshot later.
 *
 * @param clusters names or globs of logical clusters
 * @param teams owning teams
 * @param versions current Kubernetes versions
 * @param support support statuses (STANDARD_SUPPORT, EXTENDED_SUPPORT, UNSUPPORTED)
 * @param tags tags the serving EKS cluster must carry
 * @param exclude names or globs left out
 */
public record CampaignSelector(
    @OptionalField List<String> clusters,
    @OptionalField List<String> teams,
    @OptionalField List<String> versions,
    @OptionalField List<String> support,
    @OptionalField Map<String, String> tags,
    @OptionalField List<String> exclude) {}
