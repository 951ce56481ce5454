package dev.bluegreen.contracts;

import dev.bluegreen.contracts.events.AccessDenied;
import dev.bluegreen.contracts.events.AnalysisCompleted;
import dev.bluegreen.contracts.events.BlueRetired;
import dev.bluegreen.contracts.events.CampaignControlRequested;
import dev.bluegreen.contracts.events.CampaignRequested;
import dev.bluegreen.contracts.events.CampaignTransitioned;
import dev.bluegreen.contracts.events.CleanUpGreen;
import dev.bluegreen.contracts.events.CronJobsHandedOver;
import dev.bluegreen.contracts.events.DecommissionBlue;
import dev.bluegreen.contracts.events.DeployWorkloads;
import dev.bluegreen.contracts.events.DeregisterGreen;
import dev.bluegreen.contracts.events.FleetFreeze;
import dev.bluegreen.contracts.events.GreenCleanedUp;
import dev.bluegreen.contracts.events.GreenClusterReady;
import dev.bluegreen.contracts.events.GreenDeregistered;
import dev.bluegreen.contracts.events.HandOverCronJobs;
import dev.bluegreen.contracts.events.InputRejected;
import dev.bluegreen.contracts.events.PhaseFailed;
import dev.bluegreen.contracts.events.PhaseProgressed;
import dev.bluegreen.contracts.events.PreflightCompleted;
import dev.bluegreen.contracts.events.ProvisionGreen;
import dev.bluegreen.contracts.events.RollBackTraffic;
import dev.bluegreen.contracts.events.RunAnalysis;
import dev.bluegreen.contracts.events.RunPreflight;
import dev.bluegreen.contracts.events.SetTrafficWeight;
import dev.bluegreen.contracts.events.SmokeTestsCompleted;
import dev.bluegreen.contracts.events.TrafficRolledBack;
import dev.bluegreen.contracts.events.TrafficWeightSet;
import dev.bluegreen.contracts.events.UpgradeControlRequested;
import dev.bluegreen.contracts.events.UpgradeRequested;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import dev.bluegreen.contracts.events.VerifyGreen;
import dev.bluegreen.contracts.events.WorkloadsDeployed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalog of every event type the platform knows, at every major version it reads.
 *
 * <p>A breaking change to an event adds a new entry ({@code .v2}) beside the old one, which stays
 * until no producer emits it.
 */
public final class EventTypes {

  private EventTypes() {}

  /** {@link UpgradeRequested} on {@link Topics#REQUESTS}. */
  public static final EventType<UpgradeRequested> UPGRADE_REQUESTED =
      new EventType<>("UpgradeRequested", 1, UpgradeRequested.class, Topics.REQUESTS);

  /** {@link UpgradeControlRequested} on {@link Topics#REQUESTS}. */
  public static final EventType<UpgradeControlRequested> UPGRADE_CONTROL_REQUESTED =
      new EventType<>("UpgradeControlRequested", 1, UpgradeControlRequested.class, Topics.REQUESTS);

  /** {@link RunPreflight} on {@link Topics#PROVISIONER_COMMANDS}. */
  public static final EventType<RunPreflight> RUN_PREFLIGHT =
      new EventType<>("RunPreflight", 1, RunPreflight.class, Topics.PROVISIONER_COMMANDS);

  /** {@link ProvisionGreen} on {@link Topics#PROVISIONER_COMMANDS}. */
  public static final EventType<ProvisionGreen> PROVISION_GREEN =
      new EventType<>("ProvisionGreen", 1, ProvisionGreen.class, Topics.PROVISIONER_COMMANDS);

  /** {@link CleanUpGreen} on {@link Topics#PROVISIONER_COMMANDS}. */
  public static final EventType<CleanUpGreen> CLEAN_UP_GREEN =
      new EventType<>("CleanUpGreen", 1, CleanUpGreen.class, Topics.PROVISIONER_COMMANDS);

  /** {@link DeployWorkloads} on {@link Topics#DEPLOYER_COMMANDS}. */
  public static final EventType<DeployWorkloads> DEPLOY_WORKLOADS =
      new EventType<>("DeployWorkloads", 1, DeployWorkloads.class, Topics.DEPLOYER_COMMANDS);

  /** {@link VerifyGreen} on {@link Topics#DEPLOYER_COMMANDS}. */
  public static final EventType<VerifyGreen> VERIFY_GREEN =
      new EventType<>("VerifyGreen", 1, VerifyGreen.class, Topics.DEPLOYER_COMMANDS);

  /** {@link HandOverCronJobs} on {@link Topics#DEPLOYER_COMMANDS}. */
  public static final EventType<HandOverCronJobs> HAND_OVER_CRON_JOBS =
      new EventType<>("HandOverCronJobs", 1, HandOverCronJobs.class, Topics.DEPLOYER_COMMANDS);

  /** {@link DeregisterGreen} on {@link Topics#DEPLOYER_COMMANDS}. */
  public static final EventType<DeregisterGreen> DEREGISTER_GREEN =
      new EventType<>("DeregisterGreen", 1, DeregisterGreen.class, Topics.DEPLOYER_COMMANDS);

  /** {@link SetTrafficWeight} on {@link Topics#TRAFFIC_SHIFTER_COMMANDS}. */
  public static final EventType<SetTrafficWeight> SET_TRAFFIC_WEIGHT =
      new EventType<>(
          "SetTrafficWeight", 1, SetTrafficWeight.class, Topics.TRAFFIC_SHIFTER_COMMANDS);

  /** {@link RunAnalysis} on {@link Topics#TRAFFIC_SHIFTER_COMMANDS}. */
  public static final EventType<RunAnalysis> RUN_ANALYSIS =
      new EventType<>("RunAnalysis", 1, RunAnalysis.class, Topics.TRAFFIC_SHIFTER_COMMANDS);

  /** {@link RollBackTraffic} on {@link Topics#TRAFFIC_SHIFTER_COMMANDS}. */
  public static final EventType<RollBackTraffic> ROLL_BACK_TRAFFIC =
      new EventType<>("RollBackTraffic", 1, RollBackTraffic.class, Topics.TRAFFIC_SHIFTER_COMMANDS);

  /** {@link DecommissionBlue} on {@link Topics#DECOMMISSIONER_COMMANDS}. */
  public static final EventType<DecommissionBlue> DECOMMISSION_BLUE =
      new EventType<>(
          "DecommissionBlue", 1, DecommissionBlue.class, Topics.DECOMMISSIONER_COMMANDS);

  /** {@link PreflightCompleted} on {@link Topics#FACTS}. */
  public static final EventType<PreflightCompleted> PREFLIGHT_COMPLETED =
      new EventType<>("PreflightCompleted", 1, PreflightCompleted.class, Topics.FACTS);

  /** {@link GreenClusterReady} on {@link Topics#FACTS}. */
  public static final EventType<GreenClusterReady> GREEN_CLUSTER_READY =
      new EventType<>("GreenClusterReady", 1, GreenClusterReady.class, Topics.FACTS);

  /** {@link GreenCleanedUp} on {@link Topics#FACTS}. */
  public static final EventType<GreenCleanedUp> GREEN_CLEANED_UP =
      new EventType<>("GreenCleanedUp", 1, GreenCleanedUp.class, Topics.FACTS);

  /** {@link WorkloadsDeployed} on {@link Topics#FACTS}. */
  public static final EventType<WorkloadsDeployed> WORKLOADS_DEPLOYED =
      new EventType<>("WorkloadsDeployed", 1, WorkloadsDeployed.class, Topics.FACTS);

  /** {@link SmokeTestsCompleted} on {@link Topics#FACTS}. */
  public static final EventType<SmokeTestsCompleted> SMOKE_TESTS_COMPLETED =
      new EventType<>("SmokeTestsCompleted", 1, SmokeTestsCompleted.class, Topics.FACTS);

  /** {@link CronJobsHandedOver} on {@link Topics#FACTS}. */
  public static final EventType<CronJobsHandedOver> CRON_JOBS_HANDED_OVER =
      new EventType<>("CronJobsHandedOver", 1, CronJobsHandedOver.class, Topics.FACTS);

  /** {@link GreenDeregistered} on {@link Topics#FACTS}. */
  public static final EventType<GreenDeregistered> GREEN_DEREGISTERED =
      new EventType<>("GreenDeregistered", 1, GreenDeregistered.class, Topics.FACTS);

  /** {@link TrafficWeightSet} on {@link Topics#FACTS}. */
  public static final EventType<TrafficWeightSet> TRAFFIC_WEIGHT_SET =
      new EventType<>("TrafficWeightSet", 1, TrafficWeightSet.class, Topics.FACTS);

  /** {@link AnalysisCompleted} on {@link Topics#FACTS}. */
  public static final EventType<AnalysisCompleted> ANALYSIS_COMPLETED =
      new EventType<>("AnalysisCompleted", 1, AnalysisCompleted.class, Topics.FACTS);

  /** {@link TrafficRolledBack} on {@link Topics#FACTS}. */
  public static final EventType<TrafficRolledBack> TRAFFIC_ROLLED_BACK =
      new EventType<>("TrafficRolledBack", 1, TrafficRolledBack.class, Topics.FACTS);

  /** {@link BlueRetired} on {@link Topics#FACTS}. */
  public static final EventType<BlueRetired> BLUE_RETIRED =
      new EventType<>("BlueRetired", 1, BlueRetired.class, Topics.FACTS);

  /** {@link PhaseProgressed} on {@link Topics#FACTS}. */
  public static final EventType<PhaseProgressed> PHASE_PROGRESSED =
      new EventType<>("PhaseProgressed", 1, PhaseProgressed.class, Topics.FACTS);

  /** {@link PhaseFailed} on {@link Topics#FACTS}. */
  public static final EventType<PhaseFailed> PHASE_FAILED =
      new EventType<>("PhaseFailed", 1, PhaseFailed.class, Topics.FACTS);

  /** {@link UpgradeTransitioned} on {@link Topics#AUDIT}. */
  public static final EventType<UpgradeTransitioned> UPGRADE_TRANSITIONED =
      new EventType<>("UpgradeTransitioned", 1, UpgradeTransitioned.class, Topics.AUDIT);

  /** {@link InputRejected} on {@link Topics#AUDIT}. */
  public static final EventType<InputRejected> INPUT_REJECTED =
      new EventType<>("InputRejected", 1, InputRejected.class, Topics.AUDIT);

  /** {@link CampaignRequested} on {@link Topics#CAMPAIGN_REQUESTS}. */
  public static final EventType<CampaignRequested> CAMPAIGN_REQUESTED =
      new EventType<>("CampaignRequested", 1, CampaignRequested.class, Topics.CAMPAIGN_REQUESTS);

  /** {@link CampaignControlRequested} on {@link Topics#CAMPAIGN_REQUESTS}. */
  public static final EventType<CampaignControlRequested> CAMPAIGN_CONTROL_REQUESTED =
      new EventType<>(
          "CampaignControlRequested", 1, CampaignControlRequested.class, Topics.CAMPAIGN_REQUESTS);

  /** {@link CampaignTransitioned} on {@link Topics#CAMPAIGN_AUDIT}. */
  public static final EventType<CampaignTransitioned> CAMPAIGN_TRANSITIONED =
      new EventType<>("CampaignTransitioned", 1, CampaignTransitioned.class, Topics.CAMPAIGN_AUDIT);

  /** {@link AccessDenied} on {@link Topics#ACCESS_AUDIT}. */
  public static final EventType<AccessDenied> ACCESS_DENIED =
      new EventType<>("AccessDenied", 1, AccessDenied.class, Topics.ACCESS_AUDIT);

  /** {@link FleetFreeze} on {@link Topics#FLEET_FREEZES}. */
  public static final EventType<FleetFreeze> FLEET_FREEZE =
      new EventType<>("FleetFreeze", 1, FleetFreeze.class, Topics.FLEET_FREEZES);

  /** Every known event type. */
  public static final List<EventType<?>> ALL =
      List.of(
          UPGRADE_REQUESTED,
          UPGRADE_CONTROL_REQUESTED,
          RUN_PREFLIGHT,
          PROVISION_GREEN,
          CLEAN_UP_GREEN,
          DEPLOY_WORKLOADS,
          VERIFY_GREEN,
          HAND_OVER_CRON_JOBS,
          DEREGISTER_GREEN,
          SET_TRAFFIC_WEIGHT,
          RUN_ANALYSIS,
          ROLL_BACK_TRAFFIC,
          DECOMMISSION_BLUE,
          PREFLIGHT_COMPLETED,
          GREEN_CLUSTER_READY,
          GREEN_CLEANED_UP,
          WORKLOADS_DEPLOYED,
          SMOKE_TESTS_COMPLETED,
          CRON_JOBS_HANDED_OVER,
          GREEN_DEREGISTERED,
          TRAFFIC_WEIGHT_SET,
          ANALYSIS_COMPLETED,
          TRAFFIC_ROLLED_BACK,
          BLUE_RETIRED,
          PHASE_PROGRESSED,
          PHASE_FAILED,
          UPGRADE_TRANSITIONED,
          INPUT_REJECTED,
          CAMPAIGN_REQUESTED,
          CAMPAIGN_CONTROL_REQUESTED,
          CAMPAIGN_TRANSITIONED,
          ACCESS_DENIED,
          FLEET_FREEZE);

  private static final Map<String, EventType<?>> BY_CE_TYPE =
      ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));

  private static final Map<Class<?>, EventType<?>> BY_JAVA_TYPE =
      ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::javaType, Function.identity()));

  /** The event type with this CloudEvent type attribute, if known. */
  public static Optional<EventType<?>> byCeType(String ceType) {
    return Optional.ofNullable(BY_CE_TYPE.get(ceType));
  }

  /** The event type of a record, at its current major version. */
  @SuppressWarnings("unchecked")
  public static <T extends UpgradeEvent> EventType<T> of(Class<T> javaType) {
    EventType<?> type = BY_JAVA_TYPE.get(javaType);
    if (type == null) {
      throw new IllegalArgumentException(javaType.getName() + " is not an event type");
    }
    return (EventType<T>) type;
  }

  /**
   * Whether some version of the named event is known (tells unknown types from unknown versions).
   */
  public static boolean knowsName(String name) {
    return ALL.stream().anyMatch(t -> t.name().equals(name));
  }
}
