package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.Fact;
import dev.bluegreen.contracts.OptionalField;
import java.util.List;

/**
 * Decommissioner: blue and everything tied to it is gone (or, in a dry run, would be).
 *
 * @param commandId commandId of the command this fact answers
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param greenCluster the green cluster
 * @param deleted what was (or would be) deleted
 * @param dryRun true when nothing was deleted
 */
public record BlueRetired(
    String commandId,
    String upgradeId,
    String cluster,
    String greenCluster,
    List<String> deleted,
    @OptionalField boolean dryRun)
    implements Fact {}
