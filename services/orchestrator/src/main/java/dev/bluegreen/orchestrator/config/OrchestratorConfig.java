package dev.bluegreen.orchestrator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Configuration of the orchestrator, under {@code bluegreen.orchestrator.*}. */
@ConfigMapping(prefix = "bluegreen.orchestrator")
public interface OrchestratorConfig {

  /** How often the wall-clock punctuator checks phase timeouts, timed pauses and retention. */
  @WithDefault("PT5S")
  Duration tickInterval();

  /** How long POST and control endpoints wait for the state machine's decision (then 503). */
  @WithDefault("PT10S")
  Duration decisionTimeout();

  /**
   * Kubernetes minor versions an upgrade may target when EKS is not asked ({@code
   * bluegreen.orchestrator.eks.enabled=false}); otherwise EKS DescribeClusterVersions says which
   * are supported.
   */
  @WithDefault("1.28,1.29,1.30,1.31,1.32,1.33,1.34")
  List<String> supportedVersions();

  /** How many minor versions one upgrade may go up; more is refused as a skip (422). */
  @WithDefault("1")
  int maxMinorVersionsPerUpgrade();

  /** How long blue is kept after green carries 100% when the request names no retention. */
  @WithDefault("PT24H")
  Duration defaultRetention();

  /**
   * How long one member of a campaign typically takes to reach green, for a campaign's estimated
   * end until its own members have shown their pace.
   */
  @WithDefault("PT2H")
  Duration campaignUpgradeEstimate();

  /** Maintenance windows and freezes, per team and fleet-wide (see {@link WindowPolicy}). */
  MaintenanceWindowsConfig windows();

  /**
   * When disruptive phases (the first traffic shift, the decommission of blue) may start. A team's
   * windows apply to every upgrade of its clusters; a request may add freezes or, for a team
   * without windows, give its own, never widen them.
   */
  interface MaintenanceWindowsConfig {
    /**
     * Per team (the EKS team tag's value): {@code CRON|TIME_ZONE|DURATION}, several separated by
     * {@code ;}, e.g. {@code bluegreen.orchestrator.windows.teams.payments=0 22 * *
     * 1-4|Europe/Berlin|PT4H}.
     */
    Map<String, String> teams();

    /**
     * Fleet-wide freezes, {@code FROM/TO reason}, several separated by {@code ;}, e.g. {@code
     * 2026-12-21T00:00:00Z/2027-01-04T00:00:00Z year-end freeze}.
     */
    Optional<String> freezes();
  }

  /** Default phase timeouts; a request may override them per phase. */
  Timeouts timeouts();

  /** How a phase is retried after its service reported a retryable failure. */
  Retry retry();

  /**
   * Retries of a phase whose service reported a retryable failure (throttling, 5xx, timeouts): the
   * phase's command is sent again after a doubling backoff, before the failure path.
   */
  interface Retry {
    /** How many times one phase is retried; 0 takes the failure path at once. */
    @WithDefault("3")
    int maxRetries();

    /** The wait before the first retry; each next one doubles. */
    @WithDefault("PT30S")
    Duration firstBackoff();

    /** The longest wait between two tries. */
    @WithDefault("PT5M")
    Duration maxBackoff();
  }

  /** Where blue's current version comes from. */
  Eks eks();

  /** How long each phase may wait for its service's answer before the failure path. */
  interface Timeouts {
    /** Pre-flight checks. */
    @WithDefault("PT10M")
    Duration preflight();

    /** Building green. */
    @WithDefault("PT45M")
    Duration provisioning();

    /** Deploying the workloads to green. */
    @WithDefault("PT30M")
    Duration deploying();

    /** Smoke tests on green. */
    @WithDefault("PT15M")
    Duration verifying();

    /** One traffic step (weight change or analysis). */
    @WithDefault("PT30M")
    Duration shifting();

    /** Handing CronJobs over. */
    @WithDefault("PT10M")
    Duration handover();

    /** Retiring blue. */
    @WithDefault("PT60M")
    Duration decommissioning();

    /** Moving traffic back to blue. */
    @WithDefault("PT15M")
    Duration rollingBack();

    /** Deleting green after a failure or cancel. */
    @WithDefault("PT45M")
    Duration cleaningUp();
  }

  /**
   * What EKS is asked: the cluster a request names (DescribeCluster), the fleet (ListClusters) and
   * the supported versions (DescribeClusterVersions); reads only. Region, endpoint and credentials
   * are {@code bluegreen.aws.*} (libs/cloud).
   */
  interface Eks {
    /**
     * Whether EKS is asked at all; off, a request's cluster is taken as named, only the target
     * version is checked (against {@code supported-versions}) and there is no inventory.
     */
    @WithDefault("true")
    boolean enabled();

    /** How old the fleet listing behind {@code GET /clusters} may be. */
    @WithDefault("PT10S")
    Duration fleetMaxAge();

    /** How old EKS's version catalog may be. */
    @WithDefault("PT10M")
    Duration versionsMaxAge();

    /** The tag key on an EKS cluster that names its owning team. */
    @WithDefault("team")
    String teamTag();

    /**
     * When EKS cannot be asked (not when it answers that the cluster does not exist): accept the
     * request without blue's version (true) or answer 503 (false).
     */
    @WithDefault("false")
    boolean tolerateUnavailable();
  }
}
