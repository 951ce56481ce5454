package dev.bluegreen.notifier.core;

import dev.bluegreen.contracts.EventTypes;
import dev.bluegreen.contracts.events.CampaignStatus;
import dev.bluegreen.contracts.events.CampaignTransitioned;
import dev.bluegreen.contracts.events.MemberCommand;
import dev.bluegreen.contracts.events.MemberStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a campaign decision means to the people in the channels, if anything: the campaign started,
 * a wave finished and the next started, the campaign paused with the reason (stop the line), a gate
 * waits, a member failed, it completed, was cancelled or rolled back. Most decisions (a member's
 * progress, a refused control, which the person who asked already saw) are not news.
 *
 * @param campaignId the campaign
 * @param campaignName its name, when known
 * @param headline what happened, in a few words
 * @param severity how much it matters (routes select by it)
 * @param members the members concerned (team channels get news about their members)
 * @param wave the wave it is at, in words ({@code 2/3 search}, or {@code 2} when names are unknown)
 * @param statusChange {@code RUNNING → PAUSED}
 * @param reason the decision's reason
 * @param actor who or what caused it
 * @param at when it was decided
 */
public record CampaignNews(
    String campaignId,
    String campaignName,
    String headline,
    Severity severity,
    List<String> members,
    String wave,
    String statusChange,
    String reason,
    String actor,
    Instant at) {

  /**
   * Reads campaign decisions in log order and tells which are news. The entries carry the wave
   * index after the decision, not before it, so it remembers, per campaign, the last wave seen and
   * the waves' names (from the request recorded in the campaign's first entry). Bounded: the least
   * recent campaigns are forgotten. In memory only: after a restart a campaign's first entry seeds
   * it again, and a wave change across the restart is not announced (its members' news still is).
   */
  public static final class Desk {

    private record Known(String name, List<String> waves, int lastWave) {}

    private final Map<String, Known> campaigns;

    /** Remembers at most {@code capacity} campaigns. */
    public Desk(int capacity) {
      this.campaigns =
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
              return size() > capacity;
            }
          };
    }

    /** The news in one decision, if any. */
    public synchronized Optional<CampaignNews> read(CampaignTransitioned t) {
      Known before = campaigns.get(t.campaignId());
      Known known = learn(before, t);
      campaigns.put(t.campaignId(), known);
      if (t.rejected()) {
        return Optional.empty(); // the person who asked got the refusal from the API
      }
      CampaignStatus from = t.from();
      CampaignStatus to = t.to();
      boolean moved = from != to;
      String wave = waveName(known, t.wave());
      String headline = null;
      Severity severity = Severity.INFO;
      if (moved && to.isTerminal()) {
        headline = "campaign " + words(to);
        severity =
            switch (to) {
              case COMPLETED -> Severity.SUCCESS;
              case CANCELLED -> Severity.WARNING;
              default -> Severity.FAILURE;
            };
      } else if (moved && to == CampaignStatus.PAUSED) {
        headline = "campaign paused at wave " + wave;
        severity = Severity.ACTION_NEEDED;
      } else if (moved && to == CampaignStatus.AWAITING_APPROVAL) {
        headline = "wave " + wave + " waits for approval";
        severity = Severity.ACTION_NEEDED;
      } else if (moved && (to == CampaignStatus.CANCELLING || to == CampaignStatus.ROLLING_BACK)) {
        headline =
            to == CampaignStatus.CANCELLING
                ? "campaign cancelled: members in flight finish"
                : "campaign rolling back to blue";
        severity = Severity.WARNING;
      } else if (moved
          && to == CampaignStatus.RUNNING
          && (from == null || from == CampaignStatus.PLANNED || from == CampaignStatus.SCHEDULED)) {
        headline = "campaign started: wave " + wave;
      } else if (moved && to == CampaignStatus.SCHEDULED) {
        headline = "campaign scheduled";
      } else if (moved && to == CampaignStatus.PLANNED) {
        headline = "plan ready";
      } else if (moved && from == CampaignStatus.PAUSED) {
        headline = "campaign resumed at wave " + wave;
      } else if (before != null && t.wave() > before.lastWave()) {
        headline =
            "wave " + waveName(known, before.lastWave()) + " finished; wave " + wave + " started";
        severity = Severity.SUCCESS;
      } else if (t.memberStatus() == MemberStatus.FAILED && t.member() != null) {
        headline = t.member() + " failed in wave " + wave;
        severity = Severity.WARNING;
      }
      if (headline == null) {
        return Optional.empty();
      }
      return Optional.of(
          new CampaignNews(
              t.campaignId(),
              known.name(),
              headline,
              severity,
              membersConcerned(t),
              wave,
              from == null ? "→ " + to : moved ? from + " → " + to : String.valueOf(to),
              t.reason(),
              t.actor(),
              t.at()));
    }

    private static Known learn(Known before, CampaignTransitioned t) {
      String name = before == null ? null : before.name();
      List<String> waves = before == null ? List.of() : before.waves();
      if (t.input() != null
          && EventTypes.CAMPAIGN_REQUESTED.ceType().equals(t.input().type())
          && t.input().data() != null) {
        Map<String, Object> request = t.input().data();
        name = request.get("name") instanceof String n ? n : name;
        if (request.get("waves") instanceof List<?> list) {
          List<String> names = new ArrayList<>();
          for (Object w : list) {
            names.add(w instanceof Map<?, ?> m && m.get("name") instanceof String n ? n : "?");
          }
          waves = List.copyOf(names);
        }
      }
      return new Known(name, waves, t.wave());
    }

    private static String waveName(Known known, int index) {
      return known.waves().isEmpty() || index >= known.waves().size()
          ? String.valueOf(index + 1)
          : (index + 1) + "/" + known.waves().size() + " " + known.waves().get(index);
    }

    /** The member the decision was about, then the members it sent orders to. */
    private static List<String> membersConcerned(CampaignTransitioned t) {
      LinkedHashSet<String> members = new LinkedHashSet<>();
      if (t.member() != null) {
        members.add(t.member());
      }
      if (t.commands() != null) {
        for (MemberCommand c : t.commands()) {
          members.add(c.member());
        }
      }
      return List.copyOf(members);
    }

    private static String words(CampaignStatus status) {
      return status.name().toLowerCase().replace('_', ' ');
    }
  }
}
