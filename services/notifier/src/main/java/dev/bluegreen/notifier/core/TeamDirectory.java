package dev.bluegreen.notifier.core;

import java.util.Map;
import java.util.Optional;

/**
 * Which team owns a cluster. Audit events carry no team, so the notifier knows it from its own
 * configuration: an explicit cluster → team map wins; otherwise, when a prefix separator is set,
 * the cluster name up to its first separator is the team ({@code payments-prod-eu} → {@code
 * payments}), which fits fleets named {@code <team>-<env>...}; otherwise the cluster has no team
 * and only routes without a team receive its messages.
 */
public final class TeamDirectory {

  private final Map<String, String> explicitTeams;
  private final Optional<String> prefixSeparator;

  /**
   * @param explicitTeams cluster name → team, exact names
   * @param prefixSeparator when present, the team of an unmapped cluster is its name up to the
   *     first occurrence of this separator
   */
  public TeamDirectory(Map<String, String> explicitTeams, Optional<String> prefixSeparator) {
    this.explicitTeams = Map.copyOf(explicitTeams);
    this.prefixSeparator = prefixSeparator.filter(s -> !s.isEmpty());
  }

  /** The team owning the cluster, if the map or the prefix rule knows one. */
  public Optional<String> teamOf(String cluster) {
    String explicit = explicitTeams.get(cluster);
    if (explicit != null) {
      return Optional.of(explicit);
    }
    return prefixSeparator.flatMap(
        separator -> {
          int at = cluster.indexOf(separator);
          return at > 0 ? Optional.of(cluster.substring(0, at)) : Optional.empty();
        });
  }
}
