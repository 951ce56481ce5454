package dev.bluegreen.cloudsim.core;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The simulated EKS control plane: one object per resource kind (clusters, managed node groups and
 * their updates, add-ons, access entries and policies, upgrade insights, the subnets' free IPs),
 * with asynchronous lifecycles and clientRequestToken idempotency.
 *
 * <p>Every part shares the {@link World} (its lock, clock, timeline and journal) and the few
 * helpers below; like the rest of the domain it is only touched under the world lock.
 */
public final class EksControlPlane {
  private static final Pattern NAME = Pattern.compile("^[0-9A-Za-z][A-Za-z0-9\\-_]{0,99}$");

  private final World world;
  private final ClientTokens tokens = new ClientTokens();
  private final SubnetIps subnets;
  private final EksClusters clusters;
  private final EksNodegroups nodegroups;
  private final EksUpdates updates;
  private final EksAddons addons;
  private final EksAccessEntries accessEntries;
  private final EksAccessPolicies accessPolicies;
  private final EksInsights insights;

  EksControlPlane(World world) {
    this.world = world;
    this.subnets = new SubnetIps(world);
    this.clusters = new EksClusters(world, this);
    this.nodegroups = new EksNodegroups(world, this);
    this.updates = new EksUpdates(world, this);
    this.addons = new EksAddons(world, this);
    this.accessEntries = new EksAccessEntries(world, this);
    this.accessPolicies = new EksAccessPolicies(world, this);
    this.insights = new EksInsights(this);
  }

  public SubnetIps subnets() {
    return subnets;
  }

  public EksClusters clusters() {
    return clusters;
  }

  public EksNodegroups nodegroups() {
    return nodegroups;
  }

  public EksUpdates updates() {
    return updates;
  }

  public EksAddons addons() {
    return addons;
  }

  public EksAccessEntries accessEntries() {
    return accessEntries;
  }

  public EksAccessPolicies accessPolicies() {
    return accessPolicies;
  }

  public EksInsights insights() {
    return insights;
  }

  // ------------------------------------------------ shared by the parts

  /**
   * What an earlier call of {@code op} with the same clientRequestToken made (journaled as {@code
   * replayed} on {@code resource}), or empty for a first call.
   */
  <T> Optional<T> replay(
      String op,
      String scope,
      String resource,
      String token,
      String name,
      Function<String, T> lookup) {
    Optional<T> earlier = tokens.replay(op, scope, token, name, lookup);
    earlier.ifPresent(x -> record(op, resource, token, "replayed", null));
    return earlier;
  }

  /** Remembers what a call with this clientRequestToken made, for {@link #replay}. */
  void remember(String op, String scope, String token, String made) {
    tokens.remember(op, scope, token, made);
  }

  void record(String op, String resource, String token, String outcome, String note) {
    world.journal().record("eks", op, resource, token, outcome, note);
  }

  /** A journal note for deleting what still receives traffic, or null. */
  String violationIfWeighted(String cluster) {
    return world.loadBalancing().weightSentTo(cluster).map(w -> "VIOLATION: " + w).orElse(null);
  }

  String arn(String resource) {
    return "arn:aws:eks:" + world.region() + ":" + world.accountId() + ":" + resource;
  }

  static void requireName(String name, String field) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw SimError.invalid(
          field + " must match [0-9A-Za-z][A-Za-z0-9\\-_]* and be at most 100 characters");
    }
  }
}
