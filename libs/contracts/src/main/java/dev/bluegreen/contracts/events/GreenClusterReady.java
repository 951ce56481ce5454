package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.Fact;
import dev.bluegreen.contracts.OptionalField;
import java.util.List;

/**
 * Provisioner: green, its node groups and add-ons are ACTIVE.
 *
 * @param commandId commandId of the command this fact answers
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param greenCluster the green cluster
 * @param version green's Kubernetes version
 * @param nodegroups green's node groups
 * @param addons green's add-ons
 */
public record GreenClusterReady(
    String commandId,
    String upgradeId,
    String cluster,
    String greenCluster,
    String version,
    @OptionalField List<String> nodegroups,
    @OptionalField List<String> addons)
    implements Fact {}
