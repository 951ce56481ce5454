package dev.bluegreen.timeline;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How a timeline is rendered: for the terminal, for a postmortem document, or as a web page. */
public enum Format {
  /** Plain text for a terminal. */
  TEXT {
    @Override
    void append(Timeline t, StringBuilder out) {
      out.append("Upgrade ")
          .append(t.upgradeId())
          .append(" of cluster ")
          .append(t.cluster())
          .append(" — ")
          .append(t.finalState().map(Enum::name).orElse("no state"))
          .append(" (")
          .append(t.start())
          .append(" → ")
          .append(t.end())
          .append(")\n\n");
      out.append("Time per state\n");
      for (Map.Entry<?, Duration> e : t.timePerState().entrySet()) {
        padded(out.append("  "), e.getKey(), 32).append(' ').append(human(e.getValue()));
        out.append(NEWLINE);
      }
      out.append("\nDecisions\n");
      // Padded by hand: String.format was most of the cost of a long timeline.
      for (AuditLine l : t.lines()) {
        out.append("  ").append(l.at()).append("  ");
        padded(out, transition(l), 40).append(" by ");
        padded(out, l.actor(), 20).append(" cause ").append(AuditLine.shortType(l.causeType()));
        if (!l.commands().isEmpty()) {
          out.append(" → ").append(String.join(", ", l.commands()));
        }
        out.append(NEWLINE).append("      ").append(l.reason()).append(NEWLINE);
      }
      List<AuditLine> failures = t.failures();
      if (!failures.isEmpty()) {
        out.append("\nFailures\n");
        failures.forEach(
            l -> out.append("  ").append(l.at()).append("  ").append(l.reason()).append('\n'));
      }
      out.append('\n');
    }
  },

  /** Markdown for a postmortem document. */
  MARKDOWN {
    @Override
    void append(Timeline t, StringBuilder out) {
      out.append("## Upgrade `")
          .append(t.upgradeId())
          .append("` of `")
          .append(t.cluster())
          .append("`\n\n");
      out.append("- Outcome: **")
          .append(t.finalState().map(Enum::name).orElse("none"))
          .append("**\n- From ")
          .append(t.start())
          .append(" to ")
          .append(t.end())
          .append(" (")
          .append(human(Duration.between(t.start(), t.end())))
          .append(")\n\n");
      out.append("### Time per state\n\n| state | time |\n| --- | --- |\n");
      t.timePerState()
          .forEach(
              (s, d) -> out.append("| ").append(s).append(" | ").append(human(d)).append(" |\n"));
      out.append("\n### Decisions\n\n| time | transition | actor | cause | commands | reason |\n")
          .append("| --- | --- | --- | --- | --- | --- |\n");
      for (AuditLine l : t.lines()) {
        out.append("| ")
            .append(l.at())
            .append(" | ")
            .append(transition(l))
            .append(" | ")
            .append(md(l.actor()))
            .append(" | ")
            .append(AuditLine.shortType(l.causeType()))
            .append(" `")
            .append(l.causeId())
            .append("` | ")
            .append(String.join(", ", l.commands()))
            .append(" | ")
            .append(md(l.reason()))
            .append(" |\n");
      }
      List<AuditLine> failures = t.failures();
      if (!failures.isEmpty()) {
        out.append("\n### Failures\n\n");
        failures.forEach(
            l -> out.append("- ").append(l.at()).append(": ").append(md(l.reason())).append('\n'));
      }
      out.append('\n');
    }
  },

  /** A self-contained HTML page with a phase Gantt chart (inline SVG, no scripts, no links out). */
  HTML {
    @Override
    String head() {
      StringBuilder out = new StringBuilder();
      out.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
          .append("<title>Upgrade timeline</title><style>")
          .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}")
          .append(
              "table{border-collapse:collapse;font-size:.9rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}")
          .append(
              ".fail{background:#fde8e8}.bar{fill:#4a90d9}.bar.fail{fill:#d9534f}.bar.wait{fill:#f0ad4e}")
          .append("text{font-size:11px}</style></head><body>");
      return out.toString();
    }

    @Override
    String tail() {
      return "</body></html>\n";
    }

    @Override
    void append(Timeline t, StringBuilder out) {
      out.append("<h2>Upgrade ")
          .append(esc(t.upgradeId()))
          .append(" of ")
          .append(esc(t.cluster()))
          .append("</h2><p>Outcome: <b>")
          .append(t.finalState().map(Enum::name).orElse("none"))
          .append("</b>, ")
          .append(t.start())
          .append(" → ")
          .append(t.end())
          .append("</p>");
      out.append(gantt(t));
      out.append("<h3>Decisions</h3><table><tr><th>time</th><th>transition</th><th>actor</th>")
          .append("<th>cause</th><th>commands</th><th>reason</th></tr>");
      for (AuditLine l : t.lines()) {
        out.append(l.isFailure() ? "<tr class=\"fail\">" : "<tr>")
            .append("<td>")
            .append(l.at())
            .append("</td><td>")
            .append(esc(transition(l)))
            .append("</td><td>")
            .append(esc(l.actor()))
            .append("</td><td>")
            .append(esc(AuditLine.shortType(l.causeType())))
            .append("</td><td>")
            .append(esc(String.join(", ", l.commands())))
            .append("</td><td>")
            .append(esc(l.reason()))
            .append("</td></tr>");
      }
      out.append("</table>");
    }

    private String gantt(Timeline t) {
      if (t.phases().isEmpty()) {
        return "";
      }
      long total = Math.max(1, Duration.between(t.start(), t.end()).toMillis());
      int width = 900;
      int label = 230;
      int row = 22;
      StringBuilder svg = new StringBuilder();
      svg.append("<svg role=\"img\" aria-label=\"time per state\" width=\"")
          .append(width + label + 120)
          .append("\" height=\"")
          .append(t.phases().size() * row + 10)
          .append("\">");
      int y = 5;
      for (Timeline.Stay stay : t.phases()) {
        long offset = Duration.between(t.start(), stay.start()).toMillis();
        long length = Math.max(0, stay.duration().toMillis());
        double x = label + (double) offset * width / total;
        double w = Math.max(2, (double) length * width / total);
        String kind =
            switch (stay.state()) {
              case FAILED, ROLLING_BACK, ROLLED_BACK, CLEANING_UP -> "bar fail";
              case PAUSED, AWAITING_SHIFT_APPROVAL, AWAITING_DECOMMISSION_APPROVAL -> "bar wait";
              default -> "bar";
            };
        svg.append("<text x=\"0\" y=\"")
            .append(y + 14)
            .append("\">")
            .append(stay.state())
            .append("</text>")
            .append(
                String.format(
                    Locale.ROOT,
                    "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"16\"><title>%s: %s</title></rect>",
                    kind,
                    x,
                    y,
                    w,
                    stay.state(),
                    human(stay.duration())))
            .append(
                String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\">%s</text>",
                    x + w + 4,
                    y + 13,
                    human(stay.duration())));
        y += row;
      }
      return svg.append("</svg>").toString();
    }
  };

  private static final String NEWLINE = System.lineSeparator();

  /** {@code String.format("%-" + width + "s", value)}. */
  static StringBuilder padded(StringBuilder out, Object value, int width) {
    int start = out.length();
    out.append(value);
    for (int i = out.length() - start; i < width; i++) {
      out.append(' ');
    }
    return out;
  }

  /** Renders the timelines in this format. */
  public String render(List<Timeline> timelines) {
    StringBuilder out = new StringBuilder(head());
    timelines.forEach(t -> append(t, out));
    return out.append(tail()).toString();
  }

  /**
   * Renders the timelines in this format to {@code out}, one timeline at a time: the memory it
   * takes is one timeline's text, however many there are.
   */
  public void render(List<Timeline> timelines, Appendable out) throws IOException {
    out.append(head());
    StringBuilder one = new StringBuilder();
    for (Timeline t : timelines) {
      one.setLength(0);
      append(t, one);
      out.append(one);
    }
    out.append(tail());
  }

  /** What comes before the first timeline. */
  String head() {
    return "";
  }

  /** What comes after the last timeline. */
  String tail() {
    return "";
  }

  /** Appends one timeline. */
  abstract void append(Timeline t, StringBuilder out);

  static String transition(AuditLine l) {
    if (l.rejected()) {
      return "(not applied" + (l.to() == null ? "" : " in " + l.to()) + ")";
    }
    return (l.from() == null ? "·" : l.from().name()) + " → " + l.to();
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m " + (s % 60) + "s";
    }
    return (s / 3600) + "h " + ((s % 3600) / 60) + "m";
  }

  static String md(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** The format for a command-line name: text, md/markdown, html. */
  public static Format named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "text", "txt" -> TEXT;
      case "md", "markdown" -> MARKDOWN;
      case "html" -> HTML;
      default ->
          throw new IllegalArgumentException("unknown format '" + name + "' (text, md, html)");
    };
  }
}
