package dev.bluegreen.orchestrator.streams;

import dev.bluegreen.contracts.events.Phase;
import dev.bluegreen.orchestrator.config.OrchestratorConfig;
import dev.bluegreen.orchestrator.messaging.FleetFreezeReader;
import dev.bluegreen.orchestrator.metrics.UpgradeMetrics;
import dev.bluegreen.upgrade.core.PhaseTimeouts;
import dev.bluegreen.upgrade.core.RetryPolicy;
import dev.bluegreen.upgrade.core.UpgradeDecider;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Hands Quarkus the topology, built by the same factory the tests use. */
@ApplicationScoped
public class TopologyProducer {

  @Produces
  @Singleton
  UpgradeDecider decider(OrchestratorConfig config) {
    OrchestratorConfig.Timeouts t = config.timeouts();
    Map<Phase, Duration> d = new EnumMap<>(Phase.class);
    d.put(Phase.PREFLIGHT, t.preflight());
    d.put(Phase.PROVISIONING, t.provisioning());
    d.put(Phase.DEPLOYING, t.deploying());
    d.put(Phase.VERIFYING, t.verifying());
    d.put(Phase.SHIFTING, t.shifting());
    d.put(Phase.HANDOVER, t.handover());
    d.put(Phase.DECOMMISSIONING, t.decommissioning());
    d.put(Phase.ROLLING_BACK, t.rollingBack());
    d.put(Phase.CLEANING_UP, t.cleaningUp());
    OrchestratorConfig.Retry r = config.retry();
    return new UpgradeDecider(
        new PhaseTimeouts(d), new RetryPolicy(r.maxRetries(), r.firstBackoff(), r.maxBackoff()));
  }

  @Produces
  Topology topology(
      UpgradeDecider decider,
      OrchestratorConfig config,
      @ConfigProperty(name = "quarkus.kafka-streams.application-id") String applicationId,
      MeterRegistry registry,
      FleetFreezeReader freezes) {
    return UpgradeTopology.build(
        decider, config.tickInterval(), applicationId, new UpgradeMetrics(registry), freezes);
  }
}
