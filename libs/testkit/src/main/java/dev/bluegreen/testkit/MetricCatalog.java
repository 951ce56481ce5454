package dev.bluegreen.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one list of metrics the services export, {@code deploy/prometheus/metrics.txt}, for tests:
 * the exporters' tests check what they export against it, and the dashboard and alert rules may use
 * nothing else.
 */
public final class MetricCatalog {

  /** The file, relative to the repository root. */
  public static final Path FILE = Path.of("deploy", "prometheus", "metrics.txt");

  private static final List<String> HISTOGRAM_SERIES = List.of("_bucket", "_count", "_sum", "_max");

  /**
   * One metric family.
   *
   * @param name its name as Prometheus shows it ({@code _total} on counters, unit on histograms)
   * @param type counter, gauge or histogram
   * @param labels its labels (without {@code le} and the scrape's {@code job}/{@code instance})
   * @param exporters the services that export it
   */
  public record Family(String name, String type, Set<String> labels, Set<String> exporters) {}

  private final Map<String, Family> families;

  private MetricCatalog(Map<String, Family> families) {
    this.families = families;
  }

  /** Loads the catalog from the repository this test runs in (found from the working directory). */
  public static MetricCatalog load() {
    Path file = repositoryRoot().resolve(FILE);
    try {
      return parse(Files.readAllLines(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The nearest directory upwards from the working directory that holds the catalog. */
  public static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve(FILE))) {
        return d;
      }
    }
    throw new IllegalStateException("no " + FILE + " above " + dir);
  }

  static MetricCatalog parse(List<String> lines) {
    Map<String, Family> out = new LinkedHashMap<>();
    for (String line : lines) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] f = l.split("\\s+");
      if (f.length != 4) {
        throw new IllegalArgumentException("want name type labels exporters: " + line);
      }
      Set<String> labels = f[2].equals("-") ? Set.of() : Set.of(f[2].split(","));
      out.put(f[0], new Family(f[0], f[1], labels, Set.of(f[3].split(","))));
    }
    return new MetricCatalog(Map.copyOf(out));
  }

  /** Every family. */
  public Map<String, Family> families() {
    return families;
  }

  /**
   * The family a series belongs to: the series name itself, or a histogram's {@code _bucket},
   * {@code _count}, {@code _sum} or {@code _max}.
   */
  public Optional<Family> familyOf(String series) {
    Family direct = families.get(series);
    if (direct != null) {
      return Optional.of(direct);
    }
    for (String suffix : HISTOGRAM_SERIES) {
      if (series.endsWith(suffix)) {
        Family f = families.get(series.substring(0, series.length() - suffix.length()));
        if (f != null && f.type().equals("histogram")) {
          return Optional.of(f);
        }
      }
    }
    return Optional.empty();
  }

  /** The labels a series may carry: its family's, plus {@code le} on a histogram's buckets. */
  public Set<String> labelsOf(String series) {
    Family f =
        familyOf(series).orElseThrow(() -> new AssertionError(series + " is not in " + FILE));
    if (series.endsWith("_bucket") && f.type().equals("histogram")) {
      Set<String> withLe = new HashSet<>(f.labels());
      withLe.add("le");
      return Set.copyOf(withLe);
    }
    return f.labels();
  }
}
