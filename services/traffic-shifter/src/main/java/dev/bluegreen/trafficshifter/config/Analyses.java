package dev.bluegreen.trafficshifter.config;

import dev.bluegreen.trafficshifter.core.AnalysisSpec;
import dev.bluegreen.trafficshifter.core.Condition;
import dev.bluegreen.trafficshifter.core.MetricSource;
import dev.bluegreen.trafficshifter.core.MetricSpec;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The analyses declared in configuration, turned into core specs once at start-up; a bad
 * declaration stops the service from starting rather than failing an upgrade halfway.
 */
@Startup
@ApplicationScoped
public class Analyses {

  @Inject TrafficShifterConfig config;

  private Map<String, AnalysisSpec> byName;

  @PostConstruct
  void load() {
    Map<String, AnalysisSpec> specs = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    config
        .analyses()
        .forEach(
            (name, a) -> {
              AnalysisSpec spec = toSpec(name, a);
              problems.addAll(spec.problems());
              specs.put(name, spec);
            });
    if (!specs.containsKey(config.defaultAnalysis())) {
      problems.add(
          "the default analysis '"
              + config.defaultAnalysis()
              + "' is not declared: "
              + specs.keySet());
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("bad analysis configuration: " + problems);
    }
    byName = Map.copyOf(specs);
  }

  /** The analysis of that name; the default one for a null or blank name. */
  public Optional<AnalysisSpec> named(String name) {
    String key = name == null || name.isBlank() ? config.defaultAnalysis() : name;
    return Optional.ofNullable(byName.get(key));
  }

  /** Names of the declared analyses (for plan validation). */
  public Set<String> names() {
    return byName.keySet();
  }

  static AnalysisSpec toSpec(String name, TrafficShifterConfig.Analysis a) {
    List<MetricSpec> metrics = new ArrayList<>();
    new TreeMap<>(a.metrics())
        .forEach(
            (metricName, m) -> {
              Condition.Direction direction =
                  m.direction()
                      .orElse(
                          m.source() == MetricSource.HEALTHY_TARGETS
                              ? Condition.Direction.AT_LEAST
                              : Condition.Direction.AT_MOST);
              Condition success = new Condition(direction, m.factor(), m.floor());
              Condition failure =
                  new Condition(
                      direction,
                      m.failureFactor().orElse(m.factor()),
                      m.failureFloor().orElse(m.floor()));
              metrics.add(new MetricSpec(metricName, m.source(), success, failure));
            });
    return new AnalysisSpec(
        name,
        a.interval(),
        a.count(),
        a.failureLimit(),
        a.inconclusiveLimit(),
        a.minRequests(),
        metrics);
  }
}
