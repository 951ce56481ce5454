package dev.bluegreen.upgrade.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.bluegreen.contracts.events.Freeze;
import dev.bluegreen.contracts.events.MaintenanceWindows;
import dev.bluegreen.contracts.events.UpgradePlan;
import dev.bluegreen.contracts.events.UpgradeState;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the orchestrator keeps about one upgrade of one cluster: the value of the per-cluster
 * state store (as JSON) and of the by-id index. Immutable; change it with {@link #toBuilder()}.
 *
 * @param decisionVersion version of the decision logic that runs this upgrade ({@link
 *     UpgradeDecider#DECISION_VERSION} when it started)
 * @param upgradeId the upgrade id
 * @param cluster the blue cluster
 * @param greenCluster the green cluster (the next generation), derived from the logical cluster and
 *     the upgrade id
 * @param currentVersion blue's version when requested, if known
 * @param targetVersion the version green gets
 * @param plan traffic steps, retention, approval gates, timeouts
 * @param dryRun only planned, nothing sent
 * @param requestedBy who asked
 * @param state where the upgrade is
 * @param pausedFrom the state a pause interrupted, while PAUSED
 * @param endState the terminal state the clean-up or rollback path ends in
 * @param stepIndex the current traffic step (index into the plan's steps)
 * @param seq how many commands were sent so far; numbers the next commandId
 * @param awaiting commandIds sent and not yet answered
 * @param awaitingTypes the CloudEvent type of each command awaited, by commandId (empty in states
 *     stored before it was recorded)
 * @param answered recently answered commandIds, to tell a redelivered fact from a stray one
 * @param seenEvents recently applied input event ids, to ignore redeliveries
 * @param trafficMoved whether green was ever sent a weight above zero
 * @param cronJobsOnGreen whether CronJobs were handed over to green and not back
 * @param awaitingPromote whether a pause step waits for a person's PROMOTE
 * @param analysisInconclusive whether the current analysis step ended inconclusive and waits for a
 *     person
 * @param approvedBy who passed the decommission approval gate
 * @param requestedAt when the API accepted the request
 * @param updatedAt when the state last changed
 * @param phaseDeadline when the command in flight times out
 * @param pauseUntil when a timed pause step ends
 * @param greenFullSince when green started carrying 100%
 * @param completedAt when a terminal state was reached
 * @param lastError the last failure, for people
 * @param progress the latest progress report
 * @param retries how often the current phase was retried after a retryable failure
 * @param retryAt when the current phase is retried, while a retry waits
 * @param failedIn the phase a FAILED upgrade failed in (what {@code RETRY} resumes)
 * @param logicalCluster the logical cluster the blue cluster serves (the store's key); null in
 *     states stored before logical clusters, read as {@code cluster}
 * @param campaignId the campaign that started this upgrade, if one did
 * @param heldFor while AWAITING_WINDOW: the disruptive phase it will enter when a window opens
 * @param windowOpensAt while AWAITING_WINDOW: when the next window opens (null: none comes)
 * @param fleetFreezes the fleet's freezes declared through the API ({@code PUT /freezes/{id}}) that
 *     had not ended when this upgrade last learned of them: they hold disruptive starts like the
 *     plan's own freezes, but are not pinned (a lifted one stops holding)
 */
public record UpgradeStatus(
    int decisionVersion,
    String upgradeId,
    String cluster,
    String greenCluster,
    String currentVersion,
    String targetVersion,
    UpgradePlan plan,
    boolean dryRun,
    String requestedBy,
    UpgradeState state,
    UpgradeState pausedFrom,
    UpgradeState endState,
    int stepIndex,
    int seq,
    List<String> awaiting,
    Map<String, String> awaitingTypes,
    List<String> answered,
    List<String> seenEvents,
    boolean trafficMoved,
    boolean cronJobsOnGreen,
    boolean awaitingPromote,
    boolean analysisInconclusive,
    String approvedBy,
    Instant requestedAt,
    Instant updatedAt,
    Instant phaseDeadline,
    Instant pauseUntil,
    Instant greenFullSince,
    Instant completedAt,
    String lastError,
    Progress progress,
    int retries,
    Instant retryAt,
    UpgradeState failedIn,
    String logicalCluster,
    String campaignId,
    UpgradeState heldFor,
    Instant windowOpensAt,
    List<Freeze> fleetFreezes) {

  public UpgradeStatus {
    logicalCluster = logicalCluster == null ? cluster : logicalCluster;
    awaiting = awaiting == null ? List.of() : List.copyOf(awaiting);
    // Sorted, so the stored JSON is the same for the same state.
    awaitingTypes =
        awaitingTypes == null
            ? Map.of()
            : Collections.unmodifiableMap(new TreeMap<>(awaitingTypes));
    answered = answered == null ? List.of() : List.copyOf(answered);
    seenEvents = seenEvents == null ? List.of() : List.copyOf(seenEvents);
    fleetFreezes = fleetFreezes == null ? List.of() : List.copyOf(fleetFreezes);
  }

  /**
   * The windows this upgrade's disruptive starts wait for: the plan's, pinned when it was
   * requested, and the fleet's freezes as they stand now.
   */
  @JsonIgnore
  public MaintenanceWindows windows() {
    MaintenanceWindows pinned = plan == null ? null : plan.windows();
    return Windows.withFreezes(pinned, fleetFreezes);
  }

  /** Whether the upgrade has ended, so the cluster may start another. */
  @JsonIgnore
  public boolean isTerminal() {
    return state.isTerminal();
  }

  /** A builder holding this status' values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Mutable copy of a status, for building the next one. */
  public static final class Builder {
    private int decisionVersion;
    private String upgradeId;
    private String cluster;
    private String logicalCluster;
    private String campaignId;
    private UpgradeState heldFor;
    private Instant windowOpensAt;
    private List<Freeze> fleetFreezes;
    private int retries;
    private Instant retryAt;
    private UpgradeState failedIn;
    private String greenCluster;
    private String currentVersion;
    private String targetVersion;
    private UpgradePlan plan;
    private boolean dryRun;
    private String requestedBy;
    private UpgradeState state;
    private UpgradeState pausedFrom;
    private UpgradeState endState;
    private int stepIndex;
    private int seq;
    private List<String> awaiting;
    private Map<String, String> awaitingTypes;
    private List<String> answered;
    private List<String> seenEvents;
    private boolean trafficMoved;
    private boolean cronJobsOnGreen;
    private boolean awaitingPromote;
    private boolean analysisInconclusive;
    private String approvedBy;
    private Instant requestedAt;
    private Instant updatedAt;
    private Instant phaseDeadline;
    private Instant pauseUntil;
    private Instant greenFullSince;
    private Instant completedAt;
    private String lastError;
    private Progress progress;

    private Builder() {}

    private Builder(UpgradeStatus s) {
      this.decisionVersion = s.decisionVersion;
      this.upgradeId = s.upgradeId;
      this.cluster = s.cluster;
      this.logicalCluster = s.logicalCluster;
      this.campaignId = s.campaignId;
      this.heldFor = s.heldFor;
      this.windowOpensAt = s.windowOpensAt;
      this.fleetFreezes = s.fleetFreezes;
      this.retries = s.retries;
      this.retryAt = s.retryAt;
      this.failedIn = s.failedIn;
      this.greenCluster = s.greenCluster;
      this.currentVersion = s.currentVersion;
      this.targetVersion = s.targetVersion;
      this.plan = s.plan;
      this.dryRun = s.dryRun;
      this.requestedBy = s.requestedBy;
      this.state = s.state;
      this.pausedFrom = s.pausedFrom;
      this.endState = s.endState;
      this.stepIndex = s.stepIndex;
      this.seq = s.seq;
      this.awaiting = s.awaiting;
      this.awaitingTypes = s.awaitingTypes;
      this.answered = s.answered;
      this.seenEvents = s.seenEvents;
      this.trafficMoved = s.trafficMoved;
      this.cronJobsOnGreen = s.cronJobsOnGreen;
      this.awaitingPromote = s.awaitingPromote;
      this.analysisInconclusive = s.analysisInconclusive;
      this.approvedBy = s.approvedBy;
      this.requestedAt = s.requestedAt;
      this.updatedAt = s.updatedAt;
      this.phaseDeadline = s.phaseDeadline;
      this.pauseUntil = s.pauseUntil;
      this.greenFullSince = s.greenFullSince;
      this.completedAt = s.completedAt;
      this.lastError = s.lastError;
      this.progress = s.progress;
    }

    public Builder decisionVersion(int value) {
      this.decisionVersion = value;
      return this;
    }

    public Builder upgradeId(String value) {
      this.upgradeId = value;
      return this;
    }

    public Builder retries(int value) {
      this.retries = value;
      return this;
    }

    public Builder retryAt(Instant value) {
      this.retryAt = value;
      return this;
    }

    public Builder failedIn(UpgradeState value) {
      this.failedIn = value;
      return this;
    }

    public Builder heldFor(UpgradeState value) {
      this.heldFor = value;
      return this;
    }

    public Builder windowOpensAt(Instant value) {
      this.windowOpensAt = value;
      return this;
    }

    public Builder fleetFreezes(List<Freeze> value) {
      this.fleetFreezes = value;
      return this;
    }

    public Builder campaignId(String value) {
      this.campaignId = value;
      return this;
    }

    public Builder logicalCluster(String value) {
      this.logicalCluster = value;
      return this;
    }

    public Builder cluster(String value) {
      this.cluster = value;
      return this;
    }

    public Builder greenCluster(String value) {
      this.greenCluster = value;
      return this;
    }

    public Builder currentVersion(String value) {
      this.currentVersion = value;
      return this;
    }

    public Builder targetVersion(String value) {
      this.targetVersion = value;
      return this;
    }

    public Builder plan(UpgradePlan value) {
      this.plan = value;
      return this;
    }

    public Builder dryRun(boolean value) {
      this.dryRun = value;
      return this;
    }

    public Builder requestedBy(String value) {
      this.requestedBy = value;
      return this;
    }

    public Builder state(UpgradeState value) {
      this.state = value;
      return this;
    }

    public Builder pausedFrom(UpgradeState value) {
      this.pausedFrom = value;
      return this;
    }

    public Builder endState(UpgradeState value) {
      this.endState = value;
      return this;
    }

    public Builder stepIndex(int value) {
      this.stepIndex = value;
      return this;
    }

    public Builder seq(int value) {
      this.seq = value;
      return this;
    }

    public Builder awaitingTypes(Map<String, String> value) {
      this.awaitingTypes = value;
      return this;
    }

    public Builder awaiting(List<String> value) {
      this.awaiting = value;
      return this;
    }

    public Builder answered(List<String> value) {
      this.answered = value;
      return this;
    }

    public Builder seenEvents(List<String> value) {
      this.seenEvents = value;
      return this;
    }

    public Builder trafficMoved(boolean value) {
      this.trafficMoved = value;
      return this;
    }

    public Builder cronJobsOnGreen(boolean value) {
      this.cronJobsOnGreen = value;
      return this;
    }

    public Builder awaitingPromote(boolean value) {
      this.awaitingPromote = value;
      return this;
    }

    public Builder analysisInconclusive(boolean value) {
      this.analysisInconclusive = value;
      return this;
    }

    public Builder approvedBy(String value) {
      this.approvedBy = value;
      return this;
    }

    public Builder requestedAt(Instant value) {
      this.requestedAt = value;
      return this;
    }

    public Builder updatedAt(Instant value) {
      this.updatedAt = value;
      return this;
    }

    public Builder phaseDeadline(Instant value) {
      this.phaseDeadline = value;
      return this;
    }

    public Builder pauseUntil(Instant value) {
      this.pauseUntil = value;
      return this;
    }

    public Builder greenFullSince(Instant value) {
      this.greenFullSince = value;
      return this;
    }

    public Builder completedAt(Instant value) {
      this.completedAt = value;
      return this;
    }

    public Builder lastError(String value) {
      this.lastError = value;
      return this;
    }

    public Builder progress(Progress value) {
      this.progress = value;
      return this;
    }

    public UpgradeStatus build() {
      return new UpgradeStatus(
          decisionVersion,
          upgradeId,
          cluster,
          greenCluster,
          currentVersion,
          targetVersion,
          plan,
          dryRun,
          requestedBy,
          state,
          pausedFrom,
          endState,
          stepIndex,
          seq,
          awaiting,
          awaitingTypes,
          answered,
          seenEvents,
          trafficMoved,
          cronJobsOnGreen,
          awaitingPromote,
          analysisInconclusive,
          approvedBy,
          requestedAt,
          updatedAt,
          phaseDeadline,
          pauseUntil,
          greenFullSince,
          completedAt,
          lastError,
          progress,
          retries,
          retryAt,
          failedIn,
          logicalCluster,
          campaignId,
          heldFor,
          windowOpensAt,
          fleetFreezes);
    }
  }
}
