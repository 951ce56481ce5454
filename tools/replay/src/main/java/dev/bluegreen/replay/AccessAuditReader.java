package dev.bluegreen.replay;

import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Incoming;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.AccessDenied;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads refused attempts of signed-in people off {@code access.audit.v1} ({@link TopicScan}): who
 * tried what, when, and why it was refused. They are not inputs of any decision, so they are shown
 * beside a history, never replayed through decide.
 */
public final class AccessAuditReader {

  /**
   * Which refusals to keep; every field optional.
   *
   * @param upgradeId about this upgrade
   * @param cluster about this logical cluster (or any of its upgrades)
   * @param from at or after
   * @param to before
   */
  public record Selection(String upgradeId, String cluster, Instant from, Instant to) {

    boolean matches(AccessDenied d) {
      return (upgradeId == null || upgradeId.equals(d.upgradeId()))
          && (cluster == null || cluster.equals(d.cluster()))
          && (from == null || !d.at().isBefore(from))
          && (to == null || d.at().isBefore(to));
    }
  }

  /**
   * What a read found.
   *
   * @param denials the selected refusals, oldest first
   * @param recordsRead records read off the topic
   * @param unreadable records not readable as refusals
   */
  public record Result(List<AccessDenied> denials, long recordsRead, long unreadable) {}

  private final String bootstrapServers;
  private final CloudEventCodec codec = CloudEventCodec.forTrustedHistory();

  public AccessAuditReader(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  public Result read(Selection selection) {
    List<AccessDenied> denials = new ArrayList<>();
    long[] unreadable = {0};
    long read =
        TopicScan.readAll(
            bootstrapServers,
            Topics.ACCESS_AUDIT.name(),
            record -> {
              Incoming incoming = codec.decode(record.headers(), record.value());
              if (incoming instanceof Incoming.Valid valid
                  && valid.event().data() instanceof AccessDenied d) {
                if (selection.matches(d)) {
                  denials.add(d);
                }
              } else {
                unreadable[0]++;
              }
            });
    denials.sort(Comparator.comparing(AccessDenied::at));
    return new Result(List.copyOf(denials), read, unreadable[0]);
  }

  /** The refusals as text (one line each) or a Markdown table. */
  public static String render(List<AccessDenied> denials, boolean markdown) {
    StringBuilder out = new StringBuilder();
    if (markdown) {
      out.append("\n## Denied attempts\n\n")
          .append("| at | actor | action | about | status | reason | detail |\n")
          .append("|---|---|---|---|---|---|---|\n");
      for (AccessDenied d : denials) {
        out.append("| ")
            .append(
                String.join(
                    " | ",
                    d.at().toString(),
                    d.actor(),
                    d.action(),
                    about(d),
                    String.valueOf(d.status()),
                    d.reason(),
                    d.detail().replace("|", "\\|")))
            .append(" |\n");
      }
      return out.toString();
    }
    out.append("\nDenied attempts (").append(denials.size()).append(")\n");
    for (AccessDenied d : denials) {
      out.append("  ")
          .append(d.at())
          .append("  ")
          .append(d.actor())
          .append(" ")
          .append(d.action())
          .append(" ")
          .append(about(d))
          .append(": ")
          .append(d.status())
          .append(" ")
          .append(d.reason())
          .append(" (")
          .append(d.detail())
          .append(")\n");
    }
    return out.toString();
  }

  private static String about(AccessDenied d) {
    if (d.upgradeId() != null) {
      return "upgrade " + d.upgradeId() + (d.cluster() == null ? "" : " of " + d.cluster());
    }
    if (d.cluster() != null) {
      return d.cluster();
    }
    return d.campaignId() != null ? "campaign " + d.campaignId() : d.subject();
  }
}
