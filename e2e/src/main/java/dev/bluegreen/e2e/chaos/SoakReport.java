package dev.bluegreen.e2e.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a soak run measured: per service process and metric, the medians of the first, middle and
 * last third of its samples and whether it levels off ({@link Growth}).
 *
 * @param duration the soak's length as asked, e.g. {@code PT10M}
 * @param intervalSeconds the time between two samples
 * @param rounds rounds of upgrades requested
 * @param series every process's metrics, judged
 */
public record SoakReport(
    String duration, double intervalSeconds, int rounds, List<SeriesResult> series) {

  /**
   * One metric of one process.
   *
   * @param service the service
   * @param pid its process (a restart is a new one)
   * @param fromSeconds its first sample, from the start of sampling
   * @param toSeconds its last sample
   * @param judgement the medians and the verdict
   */
  public record SeriesResult(
      String service, long pid, double fromSeconds, double toSeconds, Growth.Judgement judgement) {}

  /** A failure per metric that grows without levelling off, with the service and the figures. */
  public List<String> failures() {
    return series.stream()
        .filter(s -> s.judgement().verdict() == Growth.Verdict.GROWS)
        .map(
            s ->
                String.format(
                    Locale.ROOT,
                    "%s (pid %d, %.0f-%.0f s) does not level off: %s",
                    s.service(),
                    s.pid(),
                    s.fromSeconds(),
                    s.toSeconds(),
                    s.judgement().figures()))
        .toList();
  }

  /** Writes {@code soak.json} and {@code soak.md} into {@code dir}. */
  public void writeTo(Path dir) {
    try {
      Files.createDirectories(dir);
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(dir.resolve("soak.json").toFile(), this);
      Files.writeString(dir.resolve("soak.md"), markdown());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The report for people: one row per process and metric, bytes in MiB. */
  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("# Soak ").append(duration).append("\n\n");
    List<String> failures = failures();
    out.append(failures.isEmpty() ? "**LEVELS OFF**" : "**GROWS** (" + failures.size() + ")");
    out.append(
        String.format(
            Locale.ROOT,
            ": %d rounds of upgrades, a sample every %.0f s. Medians of the first (warm-up),"
                + " middle and last third of each process's samples; a restarted service is a"
                + " new process.%n%n",
            rounds,
            intervalSeconds));
    MarkdownTable table =
        new MarkdownTable(
            "service",
            "pid",
            "from–to s",
            "metric",
            "first",
            "middle",
            "last",
            "allowed",
            "verdict");
    for (SeriesResult s : series) {
      Growth.Judgement j = s.judgement();
      table.row(
          s.service(),
          s.pid(),
          String.format(Locale.ROOT, "%.0f–%.0f", s.fromSeconds(), s.toSeconds()),
          unit(j.metric()),
          figure(j.metric(), j.first()),
          figure(j.metric(), j.middle()),
          figure(j.metric(), j.last()),
          "+" + figure(j.metric(), j.allowed()),
          j.verdict());
    }
    out.append(table);
    if (!failures.isEmpty()) {
      out.append('\n');
      failures.forEach(f -> out.append("- ").append(f).append('\n'));
    }
    return out.toString();
  }

  private static String unit(String metric) {
    return metric.endsWith("Bytes") ? metric.replace("Bytes", " MiB") : metric;
  }

  private static String figure(String metric, double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    return metric.endsWith("Bytes")
        ? String.format(Locale.ROOT, "%.1f", value / (1024 * 1024))
        : String.format(Locale.ROOT, "%.0f", value);
  }
}
