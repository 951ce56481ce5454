package dev.bluegreen.notifier.core;

import dev.bluegreen.contracts.AuditEntry;
import dev.bluegreen.contracts.events.InputRejected;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders one audit entry as a Slack Block Kit message: a header naming the cluster and what
 * happened, fields for the cluster, team, state change and traffic step, the reason, a context line
 * (upgrade id, actor, time, severity) and a button linking to the upgrade in the API.
 *
 * <p>The result is plain maps and lists in Slack's JSON shape, so this stays free of any JSON
 * library and tests can look inside it; the adapter serializes it. Versions are not shown: the
 * audit events do not carry them yet (see the README).
 */
public final class BlockKitMessage {

  // Slack rejects a header over 150 characters and a section text over 3000.
  private static final int HEADER_LIMIT = 150;
  private static final int REASON_LIMIT = 2800;

  private final String apiBaseUrl;

  /**
   * @param apiBaseUrl where the orchestrator's API is reachable by the people reading the channel,
   *     e.g. {@code https://bluegreen.example.com}; links are {@code <base>/upgrades/<id>}
   */
  public BlockKitMessage(String apiBaseUrl) {
    this.apiBaseUrl =
        apiBaseUrl.endsWith("/") ? apiBaseUrl.substring(0, apiBaseUrl.length() - 1) : apiBaseUrl;
  }

  /** The link to an upgrade in the API. */
  public String upgradeLink(String upgradeId) {
    return apiBaseUrl
        + "/upgrades/"
        + URLEncoder.encode(upgradeId, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The link to a fleet freeze in the API. */
  public String freezeLink(String freezeId) {
    return apiBaseUrl
        + "/freezes/"
        + URLEncoder.encode(freezeId, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The link to a campaign in the API. */
  public String campaignLink(String campaignId) {
    return apiBaseUrl
        + "/campaigns/"
        + URLEncoder.encode(campaignId, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * The message for campaign news: a header naming the campaign and what happened, fields for the
   * wave, the status change and the members concerned, the reason (for a pause: why the line
   * stopped), a context line and a button to the campaign.
   */
  public Map<String, Object> render(CampaignNews news) {
    String campaign = news.campaignName() != null ? news.campaignName() : news.campaignId();
    List<Object> fields = new ArrayList<>();
    fields.add(field("Campaign", campaign));
    fields.add(field("Wave", news.wave()));
    fields.add(field("Status", news.statusChange()));
    if (!news.members().isEmpty()) {
      fields.add(field("Members", String.join(", ", news.members())));
    }
    return message(
        news.severity(),
        campaign + ": " + news.headline(),
        fields,
        news.reason(),
        context(
            "campaign",
            campaignLink(news.campaignId()),
            news.campaignId(),
            news.actor(),
            news.at(),
            news.severity()),
        Optional.of(Map.entry("Open campaign", campaignLink(news.campaignId()))));
  }

  /**
   * The message for fleet freeze news: a header naming the freeze and what happened, fields for its
   * period, the reason given, a context line and a button to the freeze.
   */
  public Map<String, Object> render(FreezeNews news) {
    List<Object> fields = new ArrayList<>();
    fields.add(field("Freeze", news.freezeId()));
    fields.add(field("From", news.from().toString()));
    fields.add(field("To", news.to().toString()));
    return message(
        news.severity(),
        "Fleet freeze " + news.freezeId() + " " + news.headline(),
        fields,
        news.reason(),
        context(
            "fleet freeze",
            freezeLink(news.freezeId()),
            news.freezeId(),
            news.actor(),
            news.at(),
            news.severity()),
        Optional.of(Map.entry("Open freeze", freezeLink(news.freezeId()))));
  }

  /** The message for one entry. */
  public Map<String, Object> render(AuditEntry entry, Severity severity, Optional<String> team) {
    String headline = headline(entry, severity);
    List<Object> fields = new ArrayList<>();
    fields.add(field("Cluster", entry.cluster()));
    team.ifPresent(t -> fields.add(field("Team", t)));
    if (entry instanceof UpgradeTransitioned t) {
      fields.add(field("State", stateChange(t)));
      if (t.stepIndex() != null) {
        // stepIndex counts from 0 (schema minimum); people count steps from 1.
        fields.add(field("Progress", "traffic step " + (t.stepIndex() + 1)));
      }
    } else if (entry instanceof InputRejected r) {
      fields.add(field("State", r.state() == null ? "no upgrade" : r.state().name()));
      fields.add(field("Input", r.cause().type()));
    }

    return message(
        severity,
        headline,
        fields,
        reason(entry),
        context(entry, severity),
        Optional.ofNullable(entry.upgradeId())
            .map(id -> Map.entry("Open upgrade", upgradeLink(id))));
  }

  /** A context line: {@code campaign <link|id> · by alice · 2026-11-20T09:00:00Z · warning}. */
  private static String context(
      String kind, String link, String id, String actor, Instant at, Severity severity) {
    return kind
        + " <"
        + link
        + "|"
        + escape(id)
        + "> · by "
        + escape(actor)
        + " · "
        + at
        + " · "
        + words(severity.name());
  }

  /**
   * One message: a header (the severity's emoji and the headline), a section of fields, the reason
   * when there is one, a context line and a button; the top-level text is what notifications and
   * screen readers show, the blocks are the body.
   */
  private static Map<String, Object> message(
      Severity severity,
      String headline,
      List<Object> fields,
      String reason,
      String context,
      Optional<Map.Entry<String, String>> button) {
    List<Object> blocks = new ArrayList<>();
    blocks.add(
        Map.of(
            "type",
            "header",
            "text",
            text("plain_text", limit(severity.emoji() + " " + headline, HEADER_LIMIT))));
    blocks.add(Map.of("type", "section", "fields", fields));
    if (reason != null && !reason.isBlank()) {
      blocks.add(
          Map.of(
              "type",
              "section",
              "text",
              text("mrkdwn", "*Reason*\n" + escape(limit(reason, REASON_LIMIT)))));
    }
    blocks.add(Map.of("type", "context", "elements", List.of(text("mrkdwn", context))));
    button.ifPresent(
        b ->
            blocks.add(
                Map.of(
                    "type",
                    "actions",
                    "elements",
                    List.of(
                        Map.of(
                            "type",
                            "button",
                            "text",
                            text("plain_text", b.getKey()),
                            "url",
                            b.getValue())))));
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("text", severity.emoji() + " " + escape(headline));
    message.put("blocks", blocks);
    return message;
  }

  private static String headline(AuditEntry entry, Severity severity) {
    if (entry instanceof UpgradeTransitioned t) {
      return switch (severity) {
        case FAILURE -> entry.cluster() + ": upgrade " + words(t.to().name());
        case ACTION_NEEDED -> entry.cluster() + ": " + words(t.to().name());
        case SUCCESS -> entry.cluster() + ": upgrade completed";
        default -> entry.cluster() + ": " + words(t.to().name());
      };
    }
    return entry.cluster() + ": input rejected";
  }

  private static String stateChange(UpgradeTransitioned t) {
    return t.from() == null ? "→ " + t.to() : t.from() + " → " + t.to();
  }

  private static String reason(AuditEntry entry) {
    if (entry instanceof UpgradeTransitioned t) {
      return t.reason();
    }
    return entry instanceof InputRejected r ? r.reason() : null;
  }

  private String context(AuditEntry entry, Severity severity) {
    StringBuilder out = new StringBuilder();
    if (entry.upgradeId() != null) {
      out.append("upgrade <")
          .append(upgradeLink(entry.upgradeId()))
          .append('|')
          .append(escape(entry.upgradeId()))
          .append("> · ");
    }
    if (entry instanceof UpgradeTransitioned t) {
      out.append("by ").append(escape(t.actor())).append(" · ").append(t.at()).append(" · ");
    } else if (entry instanceof InputRejected r) {
      out.append("by ").append(escape(r.actor())).append(" · ").append(r.at()).append(" · ");
    }
    return out.append(words(severity.name())).toString();
  }

  private static String limit(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private static String words(String state) {
    return state.toLowerCase().replace('_', ' ');
  }

  private static Map<String, Object> field(String label, String value) {
    return text("mrkdwn", "*" + label + "*\n" + escape(value));
  }

  private static Map<String, Object> text(String type, String text) {
    return Map.of("type", type, "text", text);
  }

  /** Slack's mrkdwn escapes: only {@code &}, {@code <} and {@code >} are control characters. */
  static String escape(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
