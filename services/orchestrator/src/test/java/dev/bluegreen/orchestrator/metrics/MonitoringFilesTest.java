package dev.bluegreen.orchestrator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bluegreen.cloud.CloudCallMetrics;
import dev.bluegreen.orchestrator.security.DeniedAttempts;
import dev.bluegreen.testkit.MetricCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus alert rules use only metrics and labels the services
 * export ({@code deploy/prometheus/metrics.txt}), and that list names exactly what the code
 * registers, so neither file can rot silently when a metric is renamed. (promtool is not part of
 * the build; this is the check.)
 */
class MonitoringFilesTest {

  private static final Path ROOT = MetricCatalog.repositoryRoot();
  private static final MetricCatalog CATALOG = MetricCatalog.load();

  /** Labels every scraped series gets from Prometheus itself. */
  private static final Set<String> TARGET_LABELS = Set.of("job", "instance");

  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "offset",
          "inf",
          "nan");
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern SELECTOR =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)\\}");
  private static final Pattern MATCHER =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
  private static final Pattern LABEL_REPLACE =
      Pattern.compile(
          ",\\s*\"([a-zA-Z_][a-zA-Z0-9_]*)\"\\s*,\\s*\"[^\"]*\"\\s*,\\s*\"([a-zA-Z_][a-zA-Z0-9_]*)\"\\s*,\\s*\"[^\"]*\"\\s*\\)");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  @Test
  void catalog_namesExactlyTheBluegreenMetricsTheCodeRegisters() {
    Set<String> registered =
        Set.of(
            UpgradeStateGauges.UPGRADES,
            UpgradeMetrics.TRANSITIONS + "_total",
            UpgradeMetrics.REJECTIONS + "_total",
            UpgradeMetrics.ROLLBACKS + "_total",
            UpgradeMetrics.ENDED + "_total",
            UpgradeMetrics.PHASE_DURATION + "_seconds",
            UpgradeMetrics.DEAD_LETTERS + "_total",
            CloudCallMetrics.CALLS + "_total",
            CloudCallMetrics.RETRIES + "_total",
            DeniedAttempts.DENIED + "_total");
    Set<String> catalogued = new TreeSet<>();
    CATALOG.families().keySet().stream()
        .filter(n -> n.startsWith("bluegreen_"))
        .forEach(catalogued::add);
    assertEquals(new TreeSet<>(registered), catalogued);
  }

  @Test
  void dashboard_queriesOnlyCataloguedMetricsAndLabels() throws IOException {
    List<String> exprs = new ArrayList<>();
    try (Stream<Path> files = Files.list(ROOT.resolve("deploy/grafana"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        collectExprs(new ObjectMapper().readTree(f.toFile()), exprs);
      }
    }
    assertFalse(exprs.isEmpty(), "no queries found in deploy/grafana");
    exprs.forEach(MonitoringFilesTest::check);
  }

  @Test
  void alertRules_useOnlyCataloguedMetricsAndLabels() throws IOException {
    JsonNode rules =
        new ObjectMapper(new YAMLFactory())
            .readTree(ROOT.resolve("deploy/prometheus/alerts.yml").toFile());
    List<String> exprs = new ArrayList<>();
    Set<String> alerts = new HashSet<>();
    for (JsonNode group : rules.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        assertTrue(rule.hasNonNull("alert") && rule.hasNonNull("expr"), "rule " + rule);
        assertTrue(rule.path("labels").hasNonNull("severity"), "severity on " + rule);
        alerts.add(rule.get("alert").asText());
        exprs.add(rule.get("expr").asText());
      }
    }
    assertTrue(
        alerts.containsAll(
            Set.of("BluegreenPhaseStuck", "BluegreenRollback", "BluegreenDeadLetters")),
        "stuck phases, rollbacks and dead letters are alerted on: " + alerts);
    exprs.forEach(MonitoringFilesTest::check);
  }

  @Test
  void checker_catchesAnUnknownMetricAndAnUnknownLabel() {
    assertThrowsAssertion(() -> check("sum(rate(bluegreen_transition_total[5m]))"));
    assertThrowsAssertion(() -> check("sum by (cluster) (bluegreen_upgrades)"));
    assertThrowsAssertion(() -> check("bluegreen_upgrades{cluster=\"a\"}"));
    check("sum by (le, phase) (rate(bluegreen_phase_duration_seconds_bucket{outcome=\"x\"}[1h]))");
  }

  private static void assertThrowsAssertion(Runnable r) {
    try {
      r.run();
    } catch (AssertionError expected) {
      return;
    }
    throw new AssertionError("the checker let a wrong query through");
  }

  private static void collectExprs(JsonNode node, List<String> out) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> {
                if (e.getKey().equals("expr") && e.getValue().isTextual()) {
                  out.add(e.getValue().asText());
                } else {
                  collectExprs(e.getValue(), out);
                }
              });
    } else if (node.isArray()) {
      node.forEach(n -> collectExprs(n, out));
    }
  }

  /** Every metric and label of one PromQL expression is catalogued. */
  static void check(String expr) {
    Set<String> metrics = new HashSet<>();
    Set<String> allowedLabels = new HashSet<>(TARGET_LABELS);
    Matcher sel = SELECTOR.matcher(expr);
    while (sel.find()) {
      String series = sel.group(1);
      Set<String> labels = CATALOG.labelsOf(series);
      Matcher m = MATCHER.matcher(sel.group(2));
      while (m.find()) {
        assertTrue(
            labels.contains(m.group(1)) || TARGET_LABELS.contains(m.group(1)),
            series + " has no label " + m.group(1) + " in " + MetricCatalog.FILE + ": " + expr);
      }
    }
    Matcher lr = LABEL_REPLACE.matcher(expr);
    List<String[]> replaced = new ArrayList<>();
    while (lr.find()) {
      replaced.add(new String[] {lr.group(1), lr.group(2)});
    }
    String bare = SELECTOR.matcher(expr).replaceAll("$1");
    bare = STRING.matcher(bare).replaceAll("\"\"");
    bare = bare.replaceAll("\\[[^\\]]*\\]", "");
    List<String> groupings = new ArrayList<>();
    Matcher g = GROUPING.matcher(bare);
    while (g.find()) {
      for (String l : g.group(2).split(",")) {
        if (!l.isBlank()) {
          groupings.add(l.strip());
        }
      }
    }
    bare = GROUPING.matcher(bare).replaceAll(" ");
    Matcher id = IDENTIFIER.matcher(bare);
    while (id.find()) {
      String token = id.group();
      int after = id.end();
      while (after < bare.length() && Character.isWhitespace(bare.charAt(after))) {
        after++;
      }
      boolean function = after < bare.length() && bare.charAt(after) == '(';
      boolean partOfNumber = id.start() > 0 && Character.isDigit(bare.charAt(id.start() - 1));
      if (function || partOfNumber || KEYWORDS.contains(token.toLowerCase())) {
        continue;
      }
      assertTrue(
          CATALOG.familyOf(token).isPresent(),
          token + " is not in " + MetricCatalog.FILE + ": " + expr);
      metrics.add(token);
      allowedLabels.addAll(CATALOG.labelsOf(token));
    }
    assertFalse(metrics.isEmpty(), "no metric in " + expr);
    for (String[] r : replaced) {
      assertTrue(allowedLabels.contains(r[1]), "label_replace from unknown " + r[1] + ": " + expr);
      allowedLabels.add(r[0]);
    }
    for (String l : groupings) {
      assertTrue(allowedLabels.contains(l), "unknown label " + l + " in " + expr);
    }
  }
}
