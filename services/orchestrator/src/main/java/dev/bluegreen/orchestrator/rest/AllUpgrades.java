package dev.bluegreen.orchestrator.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.upgrade.core.UpgradeStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Every upgrade, whichever orchestrator instance owns it: this instance's state stores and, unless
 * asked for the local ones only, each peer's.
 */
@ApplicationScoped
public class AllUpgrades {

  private final UpgradeQueries queries;
  private final PeerReads peers;

  public AllUpgrades(UpgradeQueries queries, PeerReads peers) {
    this.queries = queries;
    this.peers = peers;
  }

  /**
   * The upgrades of a cluster (logical or physical blue name; null for all) in a state (null for
   * any).
   */
  public List<UpgradeView> matching(String cluster, UpgradeState state, String scope) {
    List<UpgradeView> found =
        new ArrayList<>(
            queries
                .all(
                    s ->
                        (cluster == null || cluster.isBlank() || names(s, cluster))
                            && (state == null || state == s.state()))
                .stream()
                .map(UpgradeView::of)
                .toList());
    if (!PeerReads.LOCAL.equals(scope)) {
      found.addAll(
          peers.all(
              "/upgrades?scope=local"
                  + (cluster == null ? "" : "&cluster=" + encode(cluster))
                  + (state == null ? "" : "&state=" + state),
              new TypeReference<List<UpgradeView>>() {}));
    }
    return found;
  }

  /** Whether the upgrade is of {@code cluster}: its logical cluster, its blue or its green. */
  private static boolean names(UpgradeStatus s, String cluster) {
    return cluster.equals(s.logicalCluster())
        || cluster.equals(s.cluster())
        || cluster.equals(s.greenCluster());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
