package dev.bluegreen.orchestrator.rest;

import dev.bluegreen.contracts.events.ApprovalGates;
import dev.bluegreen.contracts.events.MaintenanceWindows;
import dev.bluegreen.contracts.events.TrafficStep;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /upgrades}. Unknown fields are refused (400).
 *
 * @param cluster the blue cluster to upgrade
 * @param targetVersion the Kubernetes minor version green gets, e.g. 1.31
 * @param steps traffic steps; default 10% → analysis → 50% → analysis → 100% → analysis
 * @param bakeTime a pause of this length after every setWeight below 100%
 * @param retention how long blue is kept after green carries 100% (default PT24H)
 * @param approvalGates which approval gates apply (both by default)
 * @param dryRun only answer with the plan
 * @param phaseTimeouts per-phase timeout overrides, phase name to ISO-8601 duration
 * @param requestedBy no longer accepted (422): who asks is the bearer token's subject
 * @param windows maintenance windows and freezes; the team's windows still apply (a request only
 *     narrows them)
 */
@Schema(name = "UpgradeRequest")
public record UpgradeRequestBody(
    @NotBlank
        @Size(max = 100)
        @Pattern(regexp = "^[0-9A-Za-z][A-Za-z0-9\\-_]*$")
        @Schema(examples = "orders-prod", required = true)
        String cluster,
    @NotBlank @Schema(examples = "1.31", required = true) String targetVersion,
    List<TrafficStep> steps,
    @Schema(implementation = String.class, examples = "PT10M") Duration bakeTime,
    @Schema(implementation = String.class, examples = "PT24H") Duration retention,
    ApprovalGates approvalGates,
    Boolean dryRun,
    Map<String, Duration> phaseTimeouts,
    @Schema(hidden = true, deprecated = true) String requestedBy,
    MaintenanceWindows windows) {}
