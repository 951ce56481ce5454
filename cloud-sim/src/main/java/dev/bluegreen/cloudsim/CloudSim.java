package dev.bluegreen.cloudsim;

import dev.bluegreen.cloudsim.cloudwatch.CloudWatchApi;
import dev.bluegreen.cloudsim.core.Cluster;
import dev.bluegreen.cloudsim.core.FaultRegistry;
import dev.bluegreen.cloudsim.core.FleetSeeder;
import dev.bluegreen.cloudsim.core.Journal;
import dev.bluegreen.cloudsim.core.LaunchTemplate;
import dev.bluegreen.cloudsim.core.LaunchTemplateData;
import dev.bluegreen.cloudsim.core.ListenerRule;
import dev.bluegreen.cloudsim.core.NodeGroup;
import dev.bluegreen.cloudsim.core.SecurityGroups;
import dev.bluegreen.cloudsim.core.SharedEndpoint;
import dev.bluegreen.cloudsim.core.SimClock;
import dev.bluegreen.cloudsim.core.SimError;
import dev.bluegreen.cloudsim.core.TargetGroup;
import dev.bluegreen.cloudsim.core.TargetWeight;
import dev.bluegreen.cloudsim.core.World;
import dev.bluegreen.cloudsim.ec2.Ec2Api;
import dev.bluegreen.cloudsim.eks.EksApi;
import dev.bluegreen.cloudsim.elbv2.Elbv2Api;
import dev.bluegreen.cloudsim.http.CallGuard;
import dev.bluegreen.cloudsim.http.CallerLedger;
import dev.bluegreen.cloudsim.http.SimRequest;
import dev.bluegreen.cloudsim.http.SimResponse;
import dev.bluegreen.cloudsim.http.SimServer;
import dev.bluegreen.cloudsim.kubernetes.KubernetesApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A running cloud simulator: EKS, ELBv2, CloudWatch and each cluster's Kubernetes API on one
 * embedded HTTP port. Start it in-process from any test (also inside a {@code @QuarkusTest}: it is
 * a plain library) or as its own process with {@link CloudSimMain}.
 *
 * <pre>{@code
 * try (CloudSim sim = CloudSim.start(CloudSimConfig.defaults().withTimeCompression(1000))) {
 *   EksClient eks = EksClient.builder().endpointOverride(sim.eksEndpoint())...build();
 * }
 * }</pre>
 */
public final class CloudSim implements AutoCloseable {
  private final CloudSimConfig config;
  private final World world;
  private final SimFaults faults;
  private final SimServer server;
  private final URI baseUri;
  private final ControlApi control;
  private final EksApi eks;
  private final Elbv2Api elbv2;
  private final Ec2Api ec2;
  private final CloudWatchApi cloudWatch;
  private final KubernetesApi kubernetes;
  private final CallerLedger callers;

  private CloudSim(CloudSimConfig config) throws IOException {
    this.config = config;
    AtomicReference<String> base = new AtomicReference<>();
    FaultRegistry registry = new FaultRegistry(new SplittableRandom(config.randomSeed()));
    this.world =
        new World(
            config.clock(),
            config.lifecycles().compressed(config.timeCompression()),
            registry,
            new Journal(config.clock()),
            config.catalog(),
            config.region(),
            config.accountId(),
            config.managementCluster(),
            cluster -> base.get() + KubernetesApi.PATH_PREFIX + cluster);
    this.faults = new SimFaults(world);
    this.callers = new CallerLedger();
    CallGuard guard = new CallGuard(registry, callers);
    this.control = new ControlApi(this, world);
    this.eks = new EksApi(world, guard);
    this.elbv2 = new Elbv2Api(world, guard);
    this.ec2 = new Ec2Api(world, guard);
    this.cloudWatch = new CloudWatchApi(world, guard);
    this.kubernetes = new KubernetesApi(world, guard);
    this.server =
        new SimServer(
            config.host(),
            config.port(),
            config.threads(),
            req -> callers.on(req, () -> route(req)));
    String url =
        config.advertisedUrl() != null
            ? stripSlash(config.advertisedUrl())
            : "http://" + config.host() + ":" + server.port();
    base.set(url);
    this.baseUri = URI.create(url);
    if (config.fleet() != null) {
      world.lockedRun(w -> FleetSeeder.seed(w, config.fleet()));
    }
  }

  /** Starts a simulator; close it when done. */
  public static CloudSim start(CloudSimConfig config) {
    try {
      return new CloudSim(config);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start cloud-sim on " + config.host() + ":" + config.port(), e);
    }
  }

  /** Dispatches on the request's shape: every protocol shares the one port. */
  private SimResponse route(SimRequest req) {
    String path = req.rawPath();
    if (path.startsWith(ControlApi.PATH_PREFIX + "/") || path.equals(ControlApi.PATH_PREFIX)) {
      return control.handle(req);
    }
    if (path.startsWith(KubernetesApi.PATH_PREFIX)) {
      return kubernetes.handle(req);
    }
    if (CloudWatchApi.serves(req)) {
      return cloudWatch.handle(req);
    }
    String contentType = req.header("content-type");
    if (req.method().equals("POST")
        && contentType != null
        && contentType.startsWith("application/x-www-form-urlencoded")) {
      Map<String, List<String>> form = SimRequest.parseForm(req.bodyText());
      List<String> version = form.get("Version");
      if (version != null && version.contains("2015-12-01")) {
        return elbv2.handle(form);
      }
      if (version != null && version.contains(Ec2Api.VERSION)) {
        return ec2.handle(form);
      }
      return SimResponse.xml(
          400,
          "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>Only ELBv2"
              + " (Version=2015-12-01) and EC2 (Version=2016-11-15) are served over the query"
              + " protocol; CloudWatch is served over RPC v2 CBOR and JSON 1.0</Message></Error>"
              + "<RequestId>0</RequestId></ErrorResponse>");
    }
    return eks.handle(req);
  }

  // ---------------------------------------------------------------- endpoints

  /** Base URI of the simulator (all protocols share it). */
  public URI endpoint() {
    return baseUri;
  }

  /** For {@code EksClient.builder().endpointOverride(...)}. */
  public URI eksEndpoint() {
    return baseUri;
  }

  /** For {@code ElasticLoadBalancingV2Client.builder().endpointOverride(...)}. */
  public URI elbv2Endpoint() {
    return baseUri;
  }

  /** For {@code Ec2Client.builder().endpointOverride(...)}. */
  public URI ec2Endpoint() {
    return baseUri;
  }

  /** For {@code CloudWatchClient.builder().endpointOverride(...)}. */
  public URI cloudWatchEndpoint() {
    return baseUri;
  }

  /** The Kubernetes master URL of a cluster (also what DescribeCluster reports as endpoint). */
  public String kubernetesUrl(String cluster) {
    return baseUri + KubernetesApi.PATH_PREFIX + cluster;
  }

  /** Name of the cluster running the simulated Argo CD. */
  public String managementCluster() {
    return config.managementCluster();
  }

  public String region() {
    return config.region();
  }

  // ---------------------------------------------------------------- control

  /** Fault injection. */
  public SimFaults faults() {
    return faults;
  }

  /** Which IAM actions each caller (SigV4 access key id) invoked; see {@link CallerLedger}. */
  public CallerLedger callers() {
    return callers;
  }

  /** Every mutating call so far. */
  public Journal journal() {
    return world.journal();
  }

  public SimClock clock() {
    return config.clock();
  }

  /**
   * Reads or changes the world under its lock, after due lifecycle steps ran. For assertions and
   * set-up the public APIs do not cover; prefer the real clients in tests.
   */
  public <T> T inspect(Function<World, T> reader) {
    return world.locked(reader);
  }

  /** The status of a cluster, empty when it does not exist (any more). */
  public Optional<String> clusterStatus(String cluster) {
    return world.locked(w -> w.eks().clusters().find(cluster).map(c -> c.status.name()));
  }

  /** Names of all clusters. */
  public List<String> clusterNames() {
    return world.locked(w -> w.eks().clusters().list().stream().map(c -> c.name).toList());
  }

  /** The target group that reaches a cluster (seeded as tg-&lt;cluster&gt;, or tagged). */
  public Optional<String> targetGroupArnOf(String cluster) {
    return world.locked(
        w ->
            w.loadBalancing().targetGroups().stream()
                .filter(t -> cluster.equals(t.cluster))
                .map(t -> t.arn)
                .findFirst());
  }

  /** The listener rule that forwards to a cluster's target group. */
  public Optional<String> ruleArnOf(String cluster) {
    return world.locked(
        w -> {
          Optional<TargetGroup> tg =
              w.loadBalancing().targetGroups().stream()
                  .filter(t -> cluster.equals(t.cluster))
                  .findFirst();
          if (tg.isEmpty()) {
            return Optional.empty();
          }
          return w.loadBalancing().rules().stream()
              .filter(
                  r -> r.forward.stream().anyMatch(tw -> tw.targetGroupArn().equals(tg.get().arn)))
              .map(r -> r.arn)
              .findFirst();
        });
  }

  /** The current (not eventually-consistent) weights of a rule, by target group ARN. */
  public List<TargetWeight> weightsOf(String ruleArn) {
    return world.locked(w -> List.copyOf(w.loadBalancing().rule(ruleArn).forward));
  }

  /** Sets the simulated request rate of a rule. */
  public void setRequestRate(String ruleArn, double requestsPerSecond) {
    world.lockedRun(w -> w.traffic().setRequestRate(ruleArn, requestsPerSecond));
  }

  /** Declares a VPC subnet with its free IPs (node groups consume them). */
  public void declareSubnet(String subnetId, String vpcId, String availabilityZone, int freeIps) {
    world.lockedRun(w -> w.eks().subnets().declare(subnetId, vpcId, availabilityZone, freeIps));
  }

  /** Free IPs left in a subnet, empty when the subnet is unknown. */
  public Optional<Integer> freeIps(String subnetId) {
    return world.locked(w -> w.eks().subnets().find(subnetId).map(s -> s.freeIps));
  }

  /** A cluster's security group (EKS's {@code clusterSecurityGroupId}), empty when it is gone. */
  public Optional<String> clusterSecurityGroupOf(String cluster) {
    return world.locked(w -> w.eks().clusters().find(cluster).map(c -> c.clusterSecurityGroupId));
  }

  /**
   * Declares a shared resource: a security group {@code groupId} that admits TCP {@code port} from
   * the security group of each of {@code admittedClusters}, guarding {@code host:port}. Returns the
   * ids of the ingress rules it made. Set-up only: no journal entry.
   */
  public List<String> declareSharedResource(
      String groupId,
      Map<String, String> tags,
      String host,
      int port,
      List<String> admittedClusters) {
    return world.locked(
        w ->
            declareShared(
                w,
                groupId,
                tags,
                host,
                port,
                admittedClusters.stream()
                    .map(cluster -> w.eks().clusters().describe(cluster).clusterSecurityGroupId)
                    .toList()));
  }

  /**
   * Declares a shared resource guarded by {@code groupId}, which admits TCP {@code port} from each
   * of {@code admittedGroups} (e.g. a node security group); returns the rules' ids. Set-up only.
   */
  public List<String> declareSharedResourceAdmittingGroups(
      String groupId,
      Map<String, String> tags,
      String host,
      int port,
      List<String> admittedGroups) {
    return world.locked(w -> declareShared(w, groupId, tags, host, port, admittedGroups));
  }

  /** Both ways of declaring a shared resource, once the admitted groups are known. */
  private static List<String> declareShared(
      World w,
      String groupId,
      Map<String, String> tags,
      String host,
      int port,
      List<String> admittedGroups) {
    SecurityGroups sgs = w.securityGroups();
    sgs.declare(groupId, groupId, "shared resource " + host, "vpc-shared", tags);
    List<String> rules = new java.util.ArrayList<>();
    for (String from : admittedGroups) {
      rules.add(
          sgs.seedRule(
                  groupId,
                  new SecurityGroups.Permission("tcp", port, port, from, null, null),
                  Map.of())
              .id);
    }
    sgs.addEndpoint(new SharedEndpoint(host, port, groupId));
    return rules;
  }

  /**
   * Gives an existing node group a launch template (named {@code templateName}, version 1) whose
   * nodes carry {@code nodeSecurityGroups}, declaring the groups that do not exist yet; returns the
   * template's id. Set-up only, as if the team had built the node group that way.
   */
  public String useLaunchTemplate(
      String cluster, String nodegroup, String templateName, List<String> nodeSecurityGroups) {
    return world.locked(
        w -> {
          for (String sg : nodeSecurityGroups) {
            if (w.securityGroups().find(sg).isEmpty()) {
              w.securityGroups().declare(sg, sg, "nodes of " + cluster, "vpc-" + cluster, Map.of());
            }
          }
          LaunchTemplate lt =
              w.launchTemplates()
                  .seed(
                      templateName,
                      new LaunchTemplateData(null, null, nodeSecurityGroups, null),
                      Map.of("team", "owner-of-" + cluster));
          NodeGroup ng = w.eks().nodegroups().describe(cluster, nodegroup);
          ng.launchTemplateId = lt.id;
          ng.launchTemplateName = lt.name;
          ng.launchTemplateVersion = "1";
          ng.launchTemplateVersionNumber = 1;
          return lt.id;
        });
  }

  /** The ids of a security group's ingress rules, oldest first (empty when there is no group). */
  public List<String> ingressRuleIds(String groupId) {
    return world.locked(
        w ->
            w.securityGroups()
                .find(groupId)
                .map(g -> List.copyOf(g.ingress.keySet()))
                .orElse(List.of()));
  }

  /** Why a pod on {@code cluster} cannot connect to {@code host:port}, empty when it can. */
  public Optional<String> connectFailure(String cluster, String host, int port) {
    return world.locked(
        w -> w.securityGroups().connectFailure(w.eks().clusters().describe(cluster), host, port));
  }

  /** Whether a cluster exists and is ACTIVE. */
  public boolean isActive(String cluster) {
    return clusterStatus(cluster).map(s -> s.equals(Cluster.Status.ACTIVE.name())).orElse(false);
  }

  /** Rules of the world, for assertions on the traffic invariant. */
  public List<String> ruleArns() {
    return world.locked(
        w ->
            w.loadBalancing().rules().stream()
                .filter(r -> !r.isDefault())
                .map((ListenerRule r) -> r.arn)
                .toList());
  }

  /** Raises {@link SimError} for unknown rules; visible for tests of the control API. */
  void requireRule(String ruleArn) {
    world.lockedRun(w -> w.loadBalancing().rule(ruleArn));
  }

  @Override
  public void close() {
    server.close();
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
