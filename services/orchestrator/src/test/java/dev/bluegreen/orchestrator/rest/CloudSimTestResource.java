package dev.bluegreen.orchestrator.rest;

import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.CloudSimConfig;
import dev.bluegreen.cloudsim.core.Fleet;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts cloud-sim with its demo fleet and points the orchestrator's EKS lookup at it. */
public final class CloudSimTestResource implements QuarkusTestResourceLifecycleManager {

  private CloudSim sim;

  @Override
  public Map<String, String> start() {
    sim = CloudSim.start(CloudSimConfig.instant().withFleet(Fleet.demo()));
    return Map.of(
        "orchestrator.eks.enabled",
        "true",
        "bluegreen.aws.endpoint-override",
        sim.eksEndpoint().toString());
  }

  @Override
  public void stop() {
    if (sim != null) {
      sim.close();
    }
  }
}
