package dev.bluegreen.orchestrator.campaigns;

import dev.bluegreen.contracts.events.ApprovalGates;
import dev.bluegreen.contracts.events.MaintenanceWindows;
import dev.bluegreen.contracts.events.TrafficStep;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /campaigns}. Unknown fields are refused (400). Counts may be given as a
 * number or a percentage ("10%") of the members concerned.
 *
 * @param name a name people recognise
 * @param targetVersion a Kubernetes minor version, or "next": each member's next supported version
 * @param selector which logical clusters (default: all)
 * @param waves the waves in order; default one wave of every member
 * @param maxConcurrency members upgrading at once across the campaign (default 1)
 * @param failureBudget failed members tolerated before the campaign pauses (default 0)
 * @param sameFailureLimit pause when this many members fail in the same phase for the same reason
 * @param plan the upgrade plan template (same fields as POST /upgrades; defaults likewise)
 * @param memberPlans a member's own plan, by logical cluster
 * @param notBefore start no member before this time
 * @param deadline when it should be done; default the members' earliest end of standard support
 */
@Schema(name = "CampaignRequest")
public record CampaignBody(
    String name,
    @Schema(examples = "next", required = true) String targetVersion,
    Selector selector,
    List<Wave> waves,
    @Schema(implementation = String.class, examples = "10%") String maxConcurrency,
    @Schema(implementation = String.class, examples = "1") String failureBudget,
    Integer sameFailureLimit,
    Plan plan,
    Map<String, Plan> memberPlans,
    Instant notBefore,
    Instant deadline) {

  /**
   * Which logical clusters: every field narrows; names are exact or globs ({@code search-*}).
   *
   * @param clusters names or globs of logical clusters
   * @param teams owning teams
   * @param versions current Kubernetes versions
   * @param support support statuses (STANDARD_SUPPORT, EXTENDED_SUPPORT, UNSUPPORTED)
   * @param tags tags the serving EKS cluster must carry
   * @param exclude names or globs left out
   */
  public record Selector(
      List<String> clusters,
      List<String> teams,
      List<String> versions,
      List<String> support,
      Map<String, String> tags,
      List<String> exclude) {}

  /**
   * One wave. With no selector, no {@code onePerTeam} and no {@code limit} it takes every member no
   * earlier wave took.
   *
   * @param name its name (default wave-N)
   * @param selector which of the remaining members
   * @param onePerTeam take the first member of each team only (a canary wave)
   * @param limit take at most this many
   * @param maxConcurrency members of this wave upgrading at once (default: the campaign's)
   * @param soak wait this long after its last member is on green
   * @param approvalBefore a person approves before it starts
   * @param approvalAfter a person approves once it is done (its soak included) before the next wave
   *     starts: the same gate as {@code approvalBefore} on the next wave
   * @param failureBudget failed members this wave tolerates
   */
  public record Wave(
      String name,
      Selector selector,
      Boolean onePerTeam,
      Integer limit,
      @Schema(implementation = String.class, examples = "2") String maxConcurrency,
      @Schema(implementation = String.class, examples = "PT1H") Duration soak,
      Boolean approvalBefore,
      @Schema(implementation = String.class, examples = "0") String failureBudget,
      Boolean approvalAfter) {}

  /**
   * An upgrade plan, as in POST /upgrades.
   *
   * @param steps traffic steps
   * @param bakeTime a pause after every setWeight below 100%
   * @param retention how long blue is kept
   * @param approvalGates which gates apply
   * @param phaseTimeouts per-phase timeouts
   * @param windows maintenance windows and freezes; each member's team windows still apply
   */
  public record Plan(
      List<TrafficStep> steps,
      @Schema(implementation = String.class, examples = "PT10M") Duration bakeTime,
      @Schema(implementation = String.class, examples = "PT24H") Duration retention,
      ApprovalGates approvalGates,
      Map<String, Duration> phaseTimeouts,
      MaintenanceWindows windows) {}
}
