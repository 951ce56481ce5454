package dev.bluegreen.testkit;

import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.CloudSimConfig;
import java.util.Map;

/**
 * The simulated cloud one service's tests run against: what {@link CloudSimTestResource} starts,
 * sets up and tells the service. Implementations need a public no-argument constructor; the
 * resource is given the class's name as its init arg {@value CloudSimTestResource#CLOUD}.
 */
public interface TestCloud {

  /** The simulator to start: its fleet, catalog, clock and time compression. */
  CloudSimConfig simulator();

  /** Set-up through the simulator's APIs once it runs, before the service starts. */
  default void prepare(CloudSim sim) {}

  /**
   * The service's configuration besides the AWS endpoint and region (which the resource sets): its
   * poll intervals and timeouts, where it finds the management cluster's Kubernetes API.
   */
  default Map<String, String> config(CloudSim sim) {
    return Map.of();
  }
}
