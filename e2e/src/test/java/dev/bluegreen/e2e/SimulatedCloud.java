package dev.bluegreen.e2e;

import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.CloudSimConfig;
import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.cloudsim.core.Fleet;
import dev.bluegreen.cloudsim.core.JournalEntry;
import dev.bluegreen.cloudsim.core.KubeResourceType;
import dev.bluegreen.testkit.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The cloud of the end-to-end tests: cloud-sim in the test JVM with the demo fleet, lifecycles
 * compressed so a cluster takes about a second to create, and the settings that point every service
 * at it ({@link ServiceSettings#cloud}).
 */
final class SimulatedCloud implements AutoCloseable {

  /** 15 min cluster creation → 1.5 s; node groups, add-ons and Argo CD syncs likewise. */
  static final double TIME_COMPRESSION = 600;

  /**
   * Clusters added to the demo fleet for the e2e tests only: the demo fleet has six clusters that
   * can be upgraded and one platform runs more scenarios than that at once.
   */
  static final List<String> EXTRA_CLUSTERS = List.of("search-101", "search-102", "identity-103");

  /** A cluster whose name is as long as EKS allows (100): the longest the platform upgrades. */
  static final String LONGEST_NAME = "search-" + "x".repeat(93);

  final CloudSim sim;

  SimulatedCloud() {
    sim =
        CloudSim.start(
            CloudSimConfig.defaults().withFleet(e2eFleet()).withTimeCompression(TIME_COMPRESSION));
  }

  /**
   * The demo fleet plus {@link #EXTRA_CLUSTERS}: copies of its 1.32 clusters, own host and subnets.
   */
  static Fleet e2eFleet() {
    Fleet demo = Fleet.demo();
    List<Fleet.FleetCluster> clusters = new ArrayList<>(demo.clusters());
    int priority = 100;
    List<String> extra = new ArrayList<>(EXTRA_CLUSTERS);
    extra.add(LONGEST_NAME);
    for (String name : extra) {
      String team = name.substring(0, name.indexOf('-'));
      Fleet.FleetCluster model =
          demo.clusters().stream()
              .filter(c -> c.team().equals(team) && c.version().equals("1.32"))
              .filter(c -> c.deprecatedApis() == null || c.deprecatedApis().isEmpty())
              .findFirst()
              .orElseThrow();
      clusters.add(
          new Fleet.FleetCluster(
              name,
              model.version(),
              team,
              model.vpcId(),
              model.subnets().stream()
                  .map(
                      s ->
                          new Fleet.SubnetSpec(
                              s.id().replace(model.name(), name), s.az(), s.freeIps()))
                  .toList(),
              model.nodeGroups(),
              model.addons(),
              model.loadBalancer(),
              model.host().replace(model.name(), name),
              priority++,
              model.requestsPerSecond(),
              List.of(),
              null,
              null,
              null));
    }
    return new Fleet(demo.managementCluster(), demo.teams(), clusters);
  }

  /** System properties that point the services at this cloud and shorten their polling. */
  Map<String, String> serviceSettings() {
    return ServiceSettings.cloud(sim);
  }

  /** Adds a fault and returns its id. */
  String addFault(Fault fault) {
    return sim.faults().add(fault).id();
  }

  /** A fault that makes DescribeRules return a rule's old weights for a while after ModifyRule. */
  static Fault staleRuleReads(String ruleArn, Duration lasting) {
    return new Fault(
        null,
        Fault.Kind.RULE_WEIGHT_DELAY,
        null,
        null,
        ruleArn,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        lasting.toMillis());
  }

  /** The journal entries of one operation whose resource satisfies {@code resource}. */
  List<JournalEntry> journal(String operation, Predicate<String> resource) {
    return sim.journal().entries(operation).stream()
        .filter(e -> e.resource() != null && resource.test(e.resource()))
        .toList();
  }

  /** Waits for a journal entry that matches and returns it. */
  JournalEntry awaitJournal(Predicate<JournalEntry> entry, Duration within) {
    Deadline deadline = Deadline.in(within);
    while (true) {
      List<JournalEntry> found = sim.journal().entries().stream().filter(entry).toList();
      if (!found.isEmpty()) {
        return found.get(0);
      }
      deadline.check("a matching entry in the simulator's journal");
      deadline.pause();
    }
  }

  /** Waits for a journal entry of {@code operation} on a matching resource and returns it. */
  JournalEntry awaitJournal(String operation, Predicate<String> resource, Duration within) {
    Deadline deadline = Deadline.in(within);
    while (true) {
      List<JournalEntry> found = journal(operation, resource);
      if (!found.isEmpty()) {
        return found.get(0);
      }
      deadline.check("a " + operation + " in the simulator's journal");
      deadline.pause();
    }
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
