package dev.bluegreen.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a service's {@code /q/metrics} over real HTTP, in the Prometheus text format, and
 * the sums tests assert on. {@link #await} scrapes again until a condition holds or a deadline
 * passes, because counters move a little after the event a test observes.
 */
public final class PrometheusScrape {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)(\\s+\\S+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample line: metric name, labels, value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;

  private PrometheusScrape(List<Sample> samples) {
    this.samples = List.copyOf(samples);
  }

  /** Scrapes the URL once (e.g. {@code http://localhost:8080/q/metrics}). */
  public static PrometheusScrape of(URI metricsUrl) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(metricsUrl)
                  .timeout(Duration.ofSeconds(10))
                  .header("Accept", "text/plain")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError(metricsUrl + " answered " + response.statusCode());
      }
      return parse(response.body());
    } catch (IOException e) {
      throw new AssertionError("could not scrape " + metricsUrl, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while scraping " + metricsUrl, e);
    }
  }

  /**
   * Scrapes until the sum of {@code name} over the series carrying {@code labels} satisfies the
   * condition, or fails naming what it waited for.
   */
  public static PrometheusScrape await(
      URI metricsUrl,
      String name,
      Map<String, String> labels,
      DoublePredicate condition,
      Duration within) {
    Deadline deadline = Deadline.in(within);
    while (true) {
      PrometheusScrape scrape = of(metricsUrl);
      double value = scrape.sum(name, labels);
      if (condition.test(value)) {
        return scrape;
      }
      deadline.check(name + labels + " to reach the expected value (last " + value + ")");
      deadline.pause();
    }
  }

  /** Parses a text-format exposition. */
  public static PrometheusScrape parse(String text) {
    List<Sample> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line.trim());
      if (!m.matches()) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      out.add(new Sample(m.group(1), labels, number(m.group(4))));
    }
    return new PrometheusScrape(out);
  }

  private static double number(String text) {
    switch (text) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        return Double.parseDouble(text);
    }
  }

  /**
   * Sum of the samples named {@code name} whose labels include all of {@code labels}; 0 if none.
   */
  public double sum(String name, Map<String, String> labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
        .mapToDouble(Sample::value)
        .sum();
  }

  /** Whether any sample is named {@code name}. */
  public boolean has(String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }

  /** The names of every sample. */
  public Set<String> names() {
    Set<String> out = new LinkedHashSet<>();
    samples.forEach(s -> out.add(s.name()));
    return out;
  }

  /** Every sample. */
  public List<Sample> samples() {
    return samples;
  }
}
