package dev.bluegreen.orchestrator.campaigns;

import dev.bluegreen.contracts.events.CampaignMember;
import dev.bluegreen.contracts.events.CampaignRequested;
import dev.bluegreen.contracts.events.CampaignSelector;
import dev.bluegreen.orchestrator.inventory.LogicalCluster;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the fleet moved since a campaign took its snapshot. A campaign's members are fixed when it is
 * requested; clusters that appear or vanish later are reported here, never silently added or
 * dropped. Pure: the fleet is given.
 *
 * <p>Appeared: a logical cluster the campaign's selector matches now that was neither a member nor
 * passed over at the snapshot (a new cluster, or one whose version or support status came to
 * match). Members are judged by name only, since the campaign itself changes their version.
 * Vanished: a member or passed-over cluster that the fleet no longer has.
 *
 * @param appeared clusters new to the selector since the snapshot, by name
 * @param vanished clusters of the snapshot the fleet no longer has, by name
 */
public record FleetDrift(List<Appeared> appeared, List<String> vanished) {

  /** A cluster new to the selector, with what a person needs to decide about it. */
  public record Appeared(String cluster, String team, String version) {}

  /**
   * The drift of {@code spec}'s snapshot against {@code fleet}; empty for a campaign requested
   * before its selector was kept (nothing to compare).
   *
   * @param tags the serving EKS clusters' tags, by serving cluster name
   */
  public static Optional<FleetDrift> of(
      CampaignRequested spec, List<LogicalCluster> fleet, Map<String, Map<String, String>> tags) {
    CampaignSelector s = spec.selection();
    if (s == null) {
      return Optional.empty();
    }
    Set<String> snapshot = new LinkedHashSet<>();
    spec.members().stream().map(CampaignMember::cluster).forEach(snapshot::add);
    if (spec.passedOver() != null) {
      snapshot.addAll(spec.passedOver());
    }
    CampaignBody.Selector selector =
        new CampaignBody.Selector(
            s.clusters(), s.teams(), s.versions(), s.support(), s.tags(), s.exclude());
    Set<String> now = new TreeSet<>();
    fleet.forEach(c -> now.add(c.name()));
    List<Appeared> appeared =
        fleet.stream()
            .filter(c -> !snapshot.contains(c.name()))
            .filter(c -> CampaignPlanner.matches(selector, c, tags))
            .map(c -> new Appeared(c.name(), c.team(), c.version()))
            .sorted(Comparator.comparing(Appeared::cluster))
            .toList();
    List<String> vanished = snapshot.stream().filter(n -> !now.contains(n)).sorted().toList();
    return Optional.of(new FleetDrift(appeared, vanished));
  }
}
