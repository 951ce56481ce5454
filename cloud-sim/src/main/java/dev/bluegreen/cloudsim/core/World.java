package dev.bluegreen.cloudsim.core;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * The whole simulated cloud: EKS, load balancing, traffic, EC2 security groups, Kubernetes objects
 * and Argo CD.
 *
 * <p>Concurrency model: the domain is plain single-threaded code. Every caller (the HTTP adapters
 * and the Java API in {@code CloudSim}) runs domain code inside {@link #locked}, which first runs
 * every lifecycle step that is due. Lifecycles are therefore driven by the {@link SimClock}, not by
 * background threads: a test with a manual clock controls exactly when a cluster turns ACTIVE, and
 * nothing changes between two calls that no client could observe anyway.
 */
public final class World {
  private final SimClock clock;
  private final Lifecycles lifecycles;
  private final FaultRegistry faults;
  private final Journal journal;
  private final Catalog catalog;
  private final String region;
  private final String accountId;
  private final String managementCluster;
  private final Function<String, String> kubernetesUrl;
  private final PriorityQueue<Step> timeline = new PriorityQueue<>();
  private final Map<String, KubeStore> kube = new LinkedHashMap<>();
  private long stepSeq;

  private final EksControlPlane eks;
  private final LoadBalancing loadBalancing;
  private final Traffic traffic;
  private final ArgoCdController argo;
  private final SecurityGroups securityGroups;
  private final LaunchTemplates launchTemplates;

  private record Step(Instant due, long seq, Runnable action) implements Comparable<Step> {
    @Override
    public int compareTo(Step o) {
      int byDue = due.compareTo(o.due);
      return byDue != 0 ? byDue : Long.compare(seq, o.seq);
    }
  }

  public World(
      SimClock clock,
      Lifecycles lifecycles,
      FaultRegistry faults,
      Journal journal,
      Catalog catalog,
      String region,
      String accountId,
      String managementCluster,
      Function<String, String> kubernetesUrl) {
    this.clock = clock;
    this.lifecycles = lifecycles;
    this.faults = faults;
    this.journal = journal;
    this.catalog = catalog;
    this.region = region;
    this.accountId = accountId;
    this.managementCluster = managementCluster;
    this.kubernetesUrl = kubernetesUrl;
    this.traffic = new Traffic(this);
    this.securityGroups = new SecurityGroups(this);
    this.launchTemplates = new LaunchTemplates(this);
    this.eks = new EksControlPlane(this);
    this.loadBalancing = new LoadBalancing(this);
    this.argo = new ArgoCdController(this);
    kubeStore(managementCluster).ensureNamespace("argocd");
  }

  /** Runs {@code work} under the world lock after applying every due lifecycle step. */
  public synchronized <T> T locked(Function<World, T> work) {
    advance();
    return work.apply(this);
  }

  /** Runs {@code work} under the world lock after applying every due lifecycle step. */
  public synchronized void lockedRun(java.util.function.Consumer<World> work) {
    advance();
    work.accept(this);
  }

  private void advance() {
    Instant now = clock.now();
    while (!timeline.isEmpty() && !timeline.peek().due().isAfter(now)) {
      timeline.poll().action().run();
    }
  }

  /** Runs every scheduled step now, whatever its due time (fleet seeding only). */
  void drainTimeline() {
    while (!timeline.isEmpty()) {
      timeline.poll().action().run();
    }
  }

  /** Schedules a lifecycle step {@code delay} from now (zero runs it at the next call). */
  void schedule(Duration delay, Runnable action) {
    timeline.add(new Step(clock.now().plus(delay), stepSeq++, action));
  }

  /**
   * Schedules a step that is held back while {@code stuckKey} is held by a STUCK fault: it is
   * re-checked on each later call until the fault is removed.
   */
  void scheduleUnlessStuck(Duration delay, String stuckKey, Runnable action) {
    schedule(
        delay,
        () -> {
          if (faults.isStuck(stuckKey)) {
            scheduleUnlessStuck(Duration.ofMillis(1), stuckKey, action);
          } else {
            action.run();
          }
        });
  }

  public SimClock clock() {
    return clock;
  }

  public Instant now() {
    return clock.now();
  }

  public Lifecycles lifecycles() {
    return lifecycles;
  }

  public FaultRegistry faults() {
    return faults;
  }

  public Journal journal() {
    return journal;
  }

  public Catalog catalog() {
    return catalog;
  }

  public String region() {
    return region;
  }

  public String accountId() {
    return accountId;
  }

  public String managementCluster() {
    return managementCluster;
  }

  public EksControlPlane eks() {
    return eks;
  }

  public LoadBalancing loadBalancing() {
    return loadBalancing;
  }

  public Traffic traffic() {
    return traffic;
  }

  public ArgoCdController argo() {
    return argo;
  }

  /** EC2 security groups, their ingress rules and the shared endpoints they guard. */
  public SecurityGroups securityGroups() {
    return securityGroups;
  }

  /** EC2 launch templates, which managed node groups may use. */
  public LaunchTemplates launchTemplates() {
    return launchTemplates;
  }

  /** The Kubernetes API URL the simulator serves for a cluster. */
  public String kubernetesUrl(String cluster) {
    return kubernetesUrl.apply(cluster);
  }

  /** The Kubernetes objects of a cluster, created empty (with default namespaces) on first use. */
  public KubeStore kubeStore(String cluster) {
    return kube.computeIfAbsent(cluster, c -> new KubeStore(c, this));
  }

  /** Whether a Kubernetes API exists for this name (an EKS cluster or the management cluster). */
  public boolean hasKubeApi(String cluster) {
    return kube.containsKey(cluster);
  }

  void dropKubeStore(String cluster) {
    kube.remove(cluster);
  }
}
