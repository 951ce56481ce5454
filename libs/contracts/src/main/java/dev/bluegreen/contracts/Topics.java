package dev.bluegreen.contracts;

import dev.bluegreen.contracts.events.AccessDenied;
import dev.bluegreen.contracts.events.FleetFreeze;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The one catalog of the platform's topics. Services name topics only through these constants. */
public final class Topics {

  private Topics() {}

  /** Partitions of every keyed topic (equal, so Kafka Streams can join and route by cluster). */
  public static final int PARTITIONS = 6;

  private static final Optional<Duration> A_WEEK = Optional.of(Duration.ofDays(7));
  private static final Optional<Duration> A_MONTH = Optional.of(Duration.ofDays(30));

  /** What people asked of the orchestrator (upgrade requests and control actions). */
  public static final TopicSpec REQUESTS =
      new TopicSpec(
          "upgrade.requests.v1",
          Request.class,
          PARTITIONS,
          A_MONTH,
          "Upgrade requests and control actions, written by the orchestrator's API.");

  /** Commands for the provisioner. */
  public static final TopicSpec PROVISIONER_COMMANDS =
      new TopicSpec(
          "provisioner.commands.v1",
          Command.class,
          PARTITIONS,
          A_WEEK,
          "Pre-flight, green cluster creation and clean-up.");

  /** Commands for the deployer. */
  public static final TopicSpec DEPLOYER_COMMANDS =
      new TopicSpec(
          "deployer.commands.v1",
          Command.class,
          PARTITIONS,
          A_WEEK,
          "Workload deployment, smoke tests, CronJob handover, Argo CD deregistration.");

  /** Commands for the traffic shifter. */
  public static final TopicSpec TRAFFIC_SHIFTER_COMMANDS =
      new TopicSpec(
          "traffic-shifter.commands.v1",
          Command.class,
          PARTITIONS,
          A_WEEK,
          "Weight changes, analyses and rollbacks of the ALB listener rule.");

  /** Commands for the decommissioner. */
  public static final TopicSpec DECOMMISSIONER_COMMANDS =
      new TopicSpec(
          "decommissioner.commands.v1",
          Command.class,
          PARTITIONS,
          A_WEEK,
          "Retirement of blue after the retention window.");

  /** Facts from every phase service. */
  public static final TopicSpec FACTS =
      new TopicSpec(
          "upgrade.events.v1",
          Fact.class,
          PARTITIONS,
          A_MONTH,
          "What the phase services observed and did, in answer to commands.");

  /** The audit log: every decision of the orchestrator. Never compacted, kept forever. */
  public static final TopicSpec AUDIT =
      new TopicSpec(
          "upgrade.audit.v1",
          AuditEntry.class,
          PARTITIONS,
          Optional.empty(),
          "Every transition, rejection and control action, in order, with cause and actor.");

  /** What people asked of campaigns (campaign requests and controls), keyed by campaign id. */
  public static final TopicSpec CAMPAIGN_REQUESTS =
      new TopicSpec(
          "campaign.requests.v1",
          CampaignEvent.class,
          PARTITIONS,
          A_MONTH,
          "Campaign requests and control actions, written by the orchestrator's API; key: campaign.");

  /**
   * The audit entries of upgrades that campaigns started, re-keyed by campaign id: how a campaign
   * learns how its members are doing. Written and read by the orchestrator only.
   */
  public static final TopicSpec CAMPAIGN_MEMBERS =
      new TopicSpec(
          "campaign.members.v1",
          AuditEntry.class,
          PARTITIONS,
          A_MONTH,
          "Campaign members' upgrade audit entries, keyed by campaign id (orchestrator-internal).");

  /** The campaigns' audit log: every campaign decision. Never compacted, kept forever. */
  public static final TopicSpec CAMPAIGN_AUDIT =
      new TopicSpec(
          "campaign.audit.v1",
          CampaignEvent.class,
          PARTITIONS,
          Optional.empty(),
          "Every campaign decision, in order, with cause and actor; key: campaign.");

  /** Refused API attempts of signed-in people, keyed by what they were about. Kept forever. */
  public static final TopicSpec ACCESS_AUDIT =
      new TopicSpec(
          "access.audit.v1",
          AccessDenied.class,
          PARTITIONS,
          Optional.empty(),
          "Every refused API attempt of a signed-in person: who, what, why; key: its subject.");

  /**
   * Fleet-wide freezes declared through the API, keyed by freeze id: the latest record of an id is
   * the freeze as it stands. Kept forever (a handful a year), so the history of freezes stays.
   */
  public static final TopicSpec FLEET_FREEZES =
      new TopicSpec(
          "fleet.freezes.v1",
          FleetFreeze.class,
          PARTITIONS,
          Optional.empty(),
          "Fleet-wide freezes as declared, changed and lifted by people; key: freeze id.");

  /** Messages no consumer could read, with the reason in headers. */
  public static final TopicSpec DEAD_LETTER =
      new TopicSpec(
          "upgrade.deadletter.v1",
          UpgradeEvent.class,
          PARTITIONS,
          A_MONTH,
          "Malformed or unknown messages, original bytes and headers plus dlq_* reason headers.");

  /** Every topic, in a stable order. */
  public static final List<TopicSpec> ALL =
      List.of(
          REQUESTS,
          PROVISIONER_COMMANDS,
          DEPLOYER_COMMANDS,
          TRAFFIC_SHIFTER_COMMANDS,
          DECOMMISSIONER_COMMANDS,
          FACTS,
          AUDIT,
          DEAD_LETTER,
          CAMPAIGN_REQUESTS,
          CAMPAIGN_MEMBERS,
          CAMPAIGN_AUDIT,
          ACCESS_AUDIT,
          FLEET_FREEZES);
}
