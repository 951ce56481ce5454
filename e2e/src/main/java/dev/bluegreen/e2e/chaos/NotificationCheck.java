package dev.bluegreen.e2e.chaos;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Holds what the notifier posted to the chaos run's webhook against the audit logs, in a way a
 * SIGKILL cannot fool: the notifier delivers at least once (a kill after a post and before its
 * offset commit posts the entry again), so a repeat is counted, never a failure; but every upgrade
 * that ended must have its end posted at least once, and nothing may be posted that the audit log
 * does not hold (an upgrade or campaign that does not exist, a transition that did not happen, an
 * aborted transaction's entry). Pure: the bodies and the audit logs in, the verdict out.
 *
 * @param posted every post, repeats included
 * @param repeated posts whose body equals an earlier post's: the same entry posted again
 * @param upgrades distinct upgrades named by the posts
 * @param endsPosted upgrades whose end was expected and posted
 * @param campaignNews posts about campaigns
 * @param failures what does not hold, in words (the run's failures list them; not in its JSON
 *     again)
 */
@JsonIgnoreProperties("failures")
public record NotificationCheck(
    int posted,
    int repeated,
    int upgrades,
    int endsPosted,
    int campaignNews,
    List<String> failures) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Checks {@code bodies} (every post, in arrival order) against the audit logs.
   *
   * @param transitions every upgrade in the upgrade audit log, with each transition it holds as the
   *     notifier words it ({@code "SHIFTING → COMPLETED"}, {@code "→ PREFLIGHT"})
   * @param ended the upgrades whose end must be posted, with the state each ended in
   * @param campaigns every campaign in the campaign audit log, with its last status
   * @param campaignsEnded the campaigns whose end must be posted, with the status each ended in
   */
  public static NotificationCheck of(
      List<String> bodies,
      Map<String, Set<String>> transitions,
      Map<String, String> ended,
      Set<String> campaigns,
      Map<String, String> campaignsEnded) {
    List<String> failures = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Set<String> upgrades = new HashSet<>();
    Set<String> endsPosted = new HashSet<>();
    Set<String> campaignEndsPosted = new HashSet<>();
    int repeated = 0;
    int campaignNews = 0;
    for (String body : bodies) {
      if (!seen.add(body)) {
        repeated++;
      }
      Post post;
      try {
        post = Post.read(body);
      } catch (IOException | IllegalArgumentException e) {
        failures.add("the notifier posted what the check cannot read (" + e + "): " + body);
        continue;
      }
      if (post.campaign() != null) {
        campaignNews++;
        if (!campaigns.contains(post.campaign())) {
          failures.add("notified about campaign " + post.campaign() + ", which does not exist");
        } else if (post.change() != null
            && post.change().endsWith("→ " + campaignsEnded.get(post.campaign()))) {
          campaignEndsPosted.add(post.campaign());
        }
      } else if (post.upgrade() != null) {
        upgrades.add(post.upgrade());
        Set<String> happened = transitions.get(post.upgrade());
        if (happened == null) {
          failures.add("notified about upgrade " + post.upgrade() + ", which does not exist");
        } else if (post.change() != null && post.change().contains("→")) {
          if (!happened.contains(post.change())) {
            failures.add(
                "notified "
                    + post.change()
                    + " for upgrade "
                    + post.upgrade()
                    + ", which its audit log does not hold: "
                    + happened);
          } else if (post.change().endsWith("→ " + ended.get(post.upgrade()))) {
            endsPosted.add(post.upgrade());
          }
        }
      }
    }
    Set<String> unposted = new TreeSet<>(ended.keySet());
    unposted.removeAll(endsPosted);
    for (String id : unposted) {
      failures.add("upgrade " + id + " ended " + ended.get(id) + " but the notifier never said so");
    }
    Set<String> campaignsUnposted = new TreeSet<>(campaignsEnded.keySet());
    campaignsUnposted.removeAll(campaignEndsPosted);
    for (String id : campaignsUnposted) {
      failures.add(
          "campaign "
              + id
              + " ended "
              + campaignsEnded.get(id)
              + " but the notifier never said so");
    }
    return new NotificationCheck(
        bodies.size(),
        repeated,
        upgrades.size(),
        endsPosted.size(),
        campaignNews,
        List.copyOf(failures));
  }

  /** Whether every end expected was posted (the rest is judged once, at the end). */
  public static boolean everyEndPosted(
      List<String> bodies, Map<String, String> ended, Map<String, String> campaignsEnded) {
    Set<String> upgradesLeft = new HashSet<>(ended.keySet());
    Set<String> campaignsLeft = new HashSet<>(campaignsEnded.keySet());
    for (String body : bodies) {
      try {
        Post post = Post.read(body);
        if (post.change() == null) {
          continue;
        }
        if (post.upgrade() != null && post.change().endsWith("→ " + ended.get(post.upgrade()))) {
          upgradesLeft.remove(post.upgrade());
        }
        if (post.campaign() != null
            && post.change().endsWith("→ " + campaignsEnded.get(post.campaign()))) {
          campaignsLeft.remove(post.campaign());
        }
      } catch (IOException | IllegalArgumentException e) {
        // judged by of()
      }
    }
    return upgradesLeft.isEmpty() && campaignsLeft.isEmpty();
  }

  /**
   * What a Block Kit message is about: the upgrade or campaign its button opens, and its state
   * change field ({@code State} for an upgrade, {@code Status} for a campaign) as posted.
   */
  record Post(String upgrade, String campaign, String change) {

    static Post read(String body) throws IOException {
      JsonNode message = JSON.readTree(body);
      String upgrade = null;
      String campaign = null;
      String change = null;
      for (JsonNode block : message.path("blocks")) {
        for (JsonNode element : block.path("elements")) {
          String url = element.path("url").asText("");
          if (url.contains("/upgrades/")) {
            upgrade = url.substring(url.lastIndexOf("/upgrades/") + "/upgrades/".length());
          } else if (url.contains("/campaigns/")) {
            campaign = url.substring(url.lastIndexOf("/campaigns/") + "/campaigns/".length());
          }
        }
        for (JsonNode field : block.path("fields")) {
          String text = field.path("text").asText("");
          if (text.startsWith("*State*\n") || text.startsWith("*Status*\n")) {
            change = text.substring(text.indexOf('\n') + 1);
          }
        }
      }
      if (upgrade == null && campaign == null && !message.path("text").asText("").contains(":")) {
        throw new IllegalArgumentException("neither an upgrade nor a campaign");
      }
      return new Post(upgrade, campaign, change);
    }
  }
}
