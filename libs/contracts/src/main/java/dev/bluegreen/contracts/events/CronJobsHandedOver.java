package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.Fact;
import dev.bluegreen.contracts.OptionalField;
import java.util.List;

/**
 * Deployer: scheduled work now runs on one side only.
 *
 * @param commandId commandId of the command this fact answers
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param greenCluster the green cluster
 * @param direction which way
 * @param cronJobs the CronJobs moved, namespace/name
 * @param keptSuspended CronJobs suspended before the upgrade, left suspended on both sides
 */
public record CronJobsHandedOver(
    String commandId,
    String upgradeId,
    String cluster,
    String greenCluster,
    HandoverDirection direction,
    List<String> cronJobs,
    @OptionalField List<String> keptSuspended)
    implements Fact {}
