package dev.bluegreen.orchestrator.rest;

import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.CloudSimConfig;
import dev.bluegreen.cloudsim.core.Fleet;
import dev.bluegreen.testkit.TestCloud;
import java.util.Map;

/** cloud-sim with its demo fleet, and the orchestrator's EKS lookup turned on. */
public final class OrchestratorCloud implements TestCloud {

  @Override
  public CloudSimConfig simulator() {
    return CloudSimConfig.instant().withFleet(Fleet.demo());
  }

  @Override
  public Map<String, String> config(CloudSim sim) {
    return Map.of("bluegreen.orchestrator.eks.enabled", "true");
  }
}
