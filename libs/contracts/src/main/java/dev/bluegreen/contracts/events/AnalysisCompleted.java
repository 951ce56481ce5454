package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.Fact;
import java.util.List;

/**
 * Traffic shifter: an analysis reached a verdict, with every measurement behind it.
 *
 * @param commandId commandId of the command this fact answers
 * @param upgradeId upgrade id
 * @param cluster the blue cluster (its logical cluster is the Kafka key and CloudEvent subject)
 * @param greenCluster the green cluster
 * @param stepIndex index of the step in the plan
 * @param analysis name of the analysis
 * @param verdict the verdict
 * @param measurements each measurement
 */
public record AnalysisCompleted(
    String commandId,
    String upgradeId,
    String cluster,
    String greenCluster,
    int stepIndex,
    String analysis,
    Verdict verdict,
    List<Measurement> measurements)
    implements Fact {}
