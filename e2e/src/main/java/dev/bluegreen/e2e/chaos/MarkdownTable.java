package dev.bluegreen.e2e.chaos;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** A Markdown table for the run's reports: a header row, its rule, then a row per line. */
final class MarkdownTable {
  private final StringBuilder out = new StringBuilder();

  MarkdownTable(String... header) {
    line(header);
    line(Arrays.stream(header).map(h -> "---").toArray());
  }

  /** A two-column table, a row per entry of {@code rows} in its order. */
  static MarkdownTable of(String key, String value, Map<String, ?> rows) {
    MarkdownTable table = new MarkdownTable(key, value);
    rows.forEach(table::row);
    return table;
  }

  /** Adds a row, each cell as {@link String#valueOf} writes it. */
  MarkdownTable row(Object... cells) {
    line(cells);
    return this;
  }

  private void line(Object[] cells) {
    out.append(
            Arrays.stream(cells)
                .map(String::valueOf)
                .collect(Collectors.joining(" | ", "| ", " |")))
        .append('\n');
  }

  /** The table's lines, each ending with a line break. */
  @Override
  public String toString() {
    return out.toString();
  }
}
