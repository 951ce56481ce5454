package dev.bluegreen.e2e;

import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.CloudSimConfig;
import dev.bluegreen.cloudsim.core.Fleet;
import dev.bluegreen.cloudsim.core.KubeResourceType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cloud of the end-to-end tests: cloud-sim in the test JVM with the demo fleet, lifecycles
 * compressed so a cluster takes about a second to create, and the settings that point every service
 * at it (the same keys the local run sets).
 */
final class SimulatedCloud implements AutoCloseable {

  /** 15 min cluster creation → 1.5 s; node groups, add-ons and Argo CD syncs likewise. */
  static final double TIME_COMPRESSION = 600;

  final CloudSim sim;

  SimulatedCloud() {
    sim =
        CloudSim.start(
            CloudSimConfig.defaults()
                .withFleet(Fleet.demo())
                .withTimeCompression(TIME_COMPRESSION));
  }

  /** System properties that point the services at this cloud and shorten their polling. */
  Map<String, String> serviceSettings() {
    String management = sim.kubernetesUrl(sim.managementCluster());
    Map<String, String> p = new LinkedHashMap<>();
    p.put("bluegreen.aws.endpoint-override", sim.endpoint().toString());
    p.put("quarkus.kubernetes-client.api-server-url", management);
    p.put("bluegreen.decommissioner.management-kubernetes-url", management);
    p.put("orchestrator.tick-interval", "PT1S");
    // Five JVMs and a broker share CI's two cores: give a decision more than the default 10 s.
    p.put("orchestrator.decision-timeout", "PT60S");
    p.put("bluegreen.provisioner.waits.initial-poll", "PT0.5S");
    p.put("bluegreen.provisioner.waits.max-poll", "PT2S");
    p.put("bluegreen.deployer.poll-interval", "PT0.5S");
    p.put("bluegreen.decommissioner.poll-interval", "PT0.5S");
    p.put("bluegreen.traffic.verification.settle-time", "PT1S");
    p.put("bluegreen.traffic.verification.read-interval", "PT0.2S");
    return p;
  }

  /** The CronJobs of a cluster that would run (not suspended), as namespace/name. */
  List<String> activeCronJobs(String cluster) {
    return sim.inspect(
        world ->
            world.kubeStore(cluster).list(KubeResourceType.CRONJOBS, null, o -> true).stream()
                .filter(cj -> !cj.path("spec").path("suspend").asBoolean(false))
                .map(
                    cj ->
                        cj.path("metadata").path("namespace").asText()
                            + "/"
                            + cj.path("metadata").path("name").asText())
                .sorted()
                .toList());
  }

  /** The weights of the listener rule serving a cluster, by target group ARN. */
  Map<String, Integer> ruleWeights(String ruleArn) {
    Map<String, Integer> out = new LinkedHashMap<>();
    sim.weightsOf(ruleArn).forEach(w -> out.put(w.targetGroupArn(), w.weight()));
    return out;
  }

  @Override
  public void close() {
    sim.close();
  }
}
