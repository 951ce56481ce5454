package dev.bluegreen.orchestrator.streams;

import dev.bluegreen.campaign.core.Campaign;
import dev.bluegreen.campaign.core.Member;
import dev.bluegreen.contracts.events.CampaignRequested;
import dev.bluegreen.contracts.events.CampaignWave;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * How a campaign is kept in the state stores: not as one value but in three parts, so that a
 * decision writes what it changed and no value grows with the fleet.
 *
 * <ul>
 *   <li>{@link CampaignStores#CAMPAIGNS}: the campaign's head, every field but the members, with
 *       its request stripped of the member lists (a few hundred bytes plus the recent input ids);
 *       rewritten at each decision.
 *   <li>{@link CampaignStores#SPECS}: the request as accepted, written when it changes (once).
 *   <li>{@link CampaignStores#MEMBERS}: one value per member, written only when that member
 *       changed.
 * </ul>
 *
 * Kept whole, a campaign of a thousand members is about a megabyte: rewritten at every one of its
 * tens of thousands of decisions, and past the 1 MiB a Kafka record may have on the store's
 * changelog, which stops the orchestrator's whole Streams client. A head stored whole by an older
 * version (members inside it) is read as it is and split at its next decision.
 *
 * <p>The processor keeps the campaigns it decided recently in memory (bounded), so a decision does
 * not read a thousand members back; the cache is this task's own and emptied when the task starts.
 */
public final class CampaignStorage {

  /** Campaigns kept assembled in memory, per task. */
  static final int RECENT = 16;

  private final KeyValueStore<String, Campaign> heads;
  private final KeyValueStore<String, CampaignRequested> specs;
  private final KeyValueStore<String, Member> members;
  private final Map<String, Campaign> recent =
      new LinkedHashMap<>(RECENT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Campaign> eldest) {
          return size() > RECENT;
        }
      };

  CampaignStorage(
      KeyValueStore<String, Campaign> heads,
      KeyValueStore<String, CampaignRequested> specs,
      KeyValueStore<String, Member> members) {
    this.heads = heads;
    this.specs = specs;
    this.members = members;
  }

  /** The campaign with this id, whole; null when there is none. */
  Campaign get(String id) {
    Campaign cached = recent.get(id);
    if (cached != null) {
      return cached;
    }
    Campaign read = read(heads, specs, members, id);
    if (read != null) {
      recent.put(id, read);
    }
    return read;
  }

  /** Every campaign's head (members left out): enough to tell which are still open. */
  List<Map.Entry<String, Campaign>> heads() {
    List<Map.Entry<String, Campaign>> out = new ArrayList<>();
    try (KeyValueIterator<String, Campaign> all = heads.all()) {
      all.forEachRemaining(
          kv -> {
            if (kv.value != null) {
              out.add(Map.entry(kv.key, kv.value));
            }
          });
    }
    return out;
  }

  /** Keeps {@code next}, writing only the parts that differ from what is stored. */
  void put(Campaign next) {
    String id = next.id();
    Campaign before = get(id);
    boolean split = before != null && isHeadOnly(heads.get(id));
    if (!split || !before.spec().equals(next.spec())) {
      specs.put(id, next.spec());
    }
    List<Member> now = next.members();
    for (int i = 0; i < now.size(); i++) {
      if (!split || i >= before.members().size() || !before.members().get(i).equals(now.get(i))) {
        members.put(memberKey(id, i), now.get(i));
      }
    }
    if (before != null) {
      for (int i = now.size(); i < before.members().size(); i++) {
        members.delete(memberKey(id, i));
      }
    }
    heads.put(id, head(next));
    recent.put(id, next);
  }

  /**
   * The campaign with this id, assembled from its parts; null when there is none. The REST layer
   * reads through this too.
   */
  public static Campaign read(
      ReadOnlyKeyValueStore<String, Campaign> heads,
      ReadOnlyKeyValueStore<String, CampaignRequested> specs,
      ReadOnlyKeyValueStore<String, Member> members,
      String id) {
    Campaign head = heads.get(id);
    if (head == null || !isHeadOnly(head)) {
      return head;
    }
    CampaignRequested spec = specs.get(id);
    if (spec == null) {
      throw new IllegalStateException("campaign " + id + " has a head but no request stored");
    }
    List<Member> all = new ArrayList<>();
    try (KeyValueIterator<String, Member> it =
        members.range(memberKey(id, 0), CampaignStores.afterLines(id))) {
      it.forEachRemaining(kv -> all.add(kv.value));
    }
    return withParts(head, spec, all);
  }

  /** Whether a stored head is a split one (its members are kept apart). */
  static boolean isHeadOnly(Campaign head) {
    return head != null && head.members().isEmpty() && head.spec().members().isEmpty();
  }

  /** The key of a campaign's member {@code i}; keys of one campaign sort in member order. */
  static String memberKey(String campaignId, int i) {
    return CampaignStores.lineKey(campaignId, i);
  }

  /** The campaign without its members, its request without member lists. */
  static Campaign head(Campaign c) {
    CampaignRequested s = c.spec();
    List<CampaignWave> waves = new ArrayList<>();
    for (CampaignWave w : s.waves()) {
      waves.add(
          new CampaignWave(
              w.name(),
              List.of(),
              w.maxConcurrency(),
              w.soak(),
              w.approvalBefore(),
              w.failureBudget()));
    }
    CampaignRequested bare =
        new CampaignRequested(
            s.campaignId(),
            s.name(),
            s.selector(),
            List.of(),
            waves,
            s.maxConcurrency(),
            s.failureBudget(),
            s.sameFailureLimit(),
            s.plan(),
            s.notBefore(),
            s.deadline(),
            s.dryRun(),
            s.requestedBy(),
            s.requestedAt(),
            s.selection(),
            null);
    return withParts(c, bare, List.of());
  }

  private static Campaign withParts(Campaign c, CampaignRequested spec, List<Member> members) {
    return new Campaign(
        c.decisionVersion(),
        spec,
        c.status(),
        c.wave(),
        members,
        c.approvedWaves(),
        c.soakUntil(),
        c.pausedFrom(),
        c.pauseReason(),
        c.pausedByBudget(),
        c.seenInputs(),
        c.createdAt(),
        c.updatedAt(),
        c.endedAt(),
        c.lastReason());
  }
}
