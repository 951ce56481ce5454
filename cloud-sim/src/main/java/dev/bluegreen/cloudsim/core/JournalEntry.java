package dev.bluegreen.cloudsim.core;

import java.time.Instant;

/**
 * One mutating call as the simulator saw it.
 *
 * @param seq position in the journal, starting at 1
 * @param time simulator time of the call
 * @param service eks, elbv2, kubernetes or sim (fault changes)
 * @param operation the API operation, e.g. CreateCluster, ModifyRule, PATCH cronjobs
 * @param resource the resource it addressed (name or ARN or k8s path)
 * @param requestToken the clientRequestToken, if any
 * @param outcome created, replayed, ok, or error:&lt;code&gt;
 * @param note anything an invariant check may care about (e.g. weight still sent to a cluster)
 */
public record JournalEntry(
    long seq,
    Instant time,
    String service,
    String operation,
    String resource,
    String requestToken,
    String outcome,
    String note) {}
