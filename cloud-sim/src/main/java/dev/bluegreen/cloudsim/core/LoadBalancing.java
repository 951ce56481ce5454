package dev.bluegreen.cloudsim.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Simulated ELBv2: ALBs, listeners, listener rules with weighted forward actions, target groups and
 * target health. Every weight change is also fed to {@link Traffic}.
 */
public final class LoadBalancing {
  private static final Pattern TG_NAME =
      Pattern.compile("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$");
  private static final int MAX_WEIGHT = 999;

  private final World world;
  private final Map<String, LoadBalancer> loadBalancers = new LinkedHashMap<>();
  private final Map<String, Listener> listeners = new LinkedHashMap<>();
  private final Map<String, ListenerRule> rules = new LinkedHashMap<>();
  private final Map<String, TargetGroup> targetGroups = new LinkedHashMap<>();

  /**
   * The rules that name each target group in their forward action (any weight), kept as rules
   * change: DescribeTargetGroups reports a group's load balancers, and scanning every rule of a
   * fleet's ALBs for each described group made the simulator quadratic in the fleet's size.
   */
  private final Map<String, Set<String>> rulesForwardingTo = new HashMap<>();

  /** Health of one registered target as ELBv2 reports it. */
  public record TargetHealth(
      TargetGroup.Target target, String state, String reason, String description) {}

  LoadBalancing(World world) {
    this.world = world;
  }

  // ---------------------------------------------------------------- seeding and lookups

  /** Returns the ALB of that name, creating it (with one HTTPS listener) if absent. */
  public LoadBalancer ensureLoadBalancer(String name, String vpcId) {
    for (LoadBalancer lb : loadBalancers.values()) {
      if (lb.name.equals(name)) {
        return lb;
      }
    }
    LoadBalancer lb = new LoadBalancer();
    lb.name = name;
    String id = SimIds.shortId("lb/" + name, 16);
    lb.arn = arn("loadbalancer/app/" + name + "/" + id);
    lb.dnsName = name + "-" + id.substring(0, 10) + "." + world.region() + ".elb.amazonaws.com";
    lb.vpcId = vpcId;
    lb.createdAt = world.now();
    loadBalancers.put(lb.arn, lb);
    Listener l = new Listener();
    l.loadBalancerArn = lb.arn;
    l.arn = arn("listener/app/" + name + "/" + id + "/" + SimIds.shortId("l/" + name, 16));
    listeners.put(l.arn, l);
    ListenerRule def = new ListenerRule();
    def.listenerArn = l.arn;
    def.arn = ruleArn(l, "default");
    def.priority = "default";
    rules.put(def.arn, def);
    return lb;
  }

  /** Adds a host-header rule forwarding 100% to {@code targetGroupArn} (fleet seeding). */
  public ListenerRule seedRule(
      String listenerArn, int priority, String host, String targetGroupArn, double rps) {
    Listener l = listener(listenerArn);
    ListenerRule r = new ListenerRule();
    r.listenerArn = l.arn;
    r.arn = ruleArn(l, host);
    r.priority = String.valueOf(priority);
    r.hostHeaders.add(host);
    r.forward.add(new TargetWeight(targetGroupArn, 100));
    r.requestsPerSecond = rps;
    rules.put(r.arn, r);
    indexForward(r, List.of());
    world.traffic().weightsChanged(r);
    return r;
  }

  private String ruleArn(Listener l, String seed) {
    String suffix = l.arn.substring(l.arn.indexOf(":listener/") + ":listener/".length());
    return arn("listener-rule/" + suffix + "/" + SimIds.shortId(l.arn + seed, 16));
  }

  public List<LoadBalancer> loadBalancers() {
    return List.copyOf(loadBalancers.values());
  }

  public LoadBalancer loadBalancer(String arn) {
    LoadBalancer lb = loadBalancers.get(arn);
    if (lb == null) {
      throw new SimError(ErrorKind.NOT_FOUND, "One or more load balancers not found");
    }
    return lb;
  }

  public List<Listener> listenersOf(String loadBalancerArn) {
    loadBalancer(loadBalancerArn);
    return listeners.values().stream()
        .filter(l -> l.loadBalancerArn.equals(loadBalancerArn))
        .toList();
  }

  public Listener listener(String arn) {
    Listener l = listeners.get(arn);
    if (l == null) {
      throw new SimError(ErrorKind.NOT_FOUND, "One or more listeners not found");
    }
    return l;
  }

  public List<Listener> listeners() {
    return List.copyOf(listeners.values());
  }

  public List<ListenerRule> rulesOf(String listenerArn) {
    listener(listenerArn);
    return rules.values().stream().filter(r -> r.listenerArn.equals(listenerArn)).toList();
  }

  public ListenerRule rule(String arn) {
    ListenerRule r = rules.get(arn);
    if (r == null) {
      throw new SimError(ErrorKind.NOT_FOUND, "One or more rules not found");
    }
    return r;
  }

  public List<ListenerRule> rules() {
    return List.copyOf(rules.values());
  }

  /**
   * The forward weights a DescribeRules read sees: the stale ones while a RULE_WEIGHT_DELAY fault
   * holds them, which also consumes one stale read.
   */
  public List<TargetWeight> observedForward(ListenerRule r) {
    if (r.staleForward == null) {
      return r.forward;
    }
    boolean byReads = r.staleReadsLeft > 0;
    boolean byTime = r.staleUntil != null && world.now().isBefore(r.staleUntil);
    if (byReads || byTime) {
      if (byReads) {
        r.staleReadsLeft--;
      }
      return r.staleForward;
    }
    r.staleForward = null;
    r.staleUntil = null;
    return r.forward;
  }

  /** The tags of a target group or a listener rule (ELBv2 tags both kinds by ARN). */
  public Map<String, String> tagsOf(String arn) {
    return arn.contains(":listener-rule/") ? rule(arn).tags : targetGroup(arn).tags;
  }

  // ---------------------------------------------------------------- mutations

  /** AddTags: a key already there takes the new value, as in ELBv2. */
  public void addTags(String arn, Map<String, String> tags) {
    tagsOf(arn).putAll(tags);
    world.journal().record("elbv2", "AddTags", arn, null, "ok", tags.toString());
  }

  /** Replaces a rule's forward action; weights are absolute (0..999). */
  public ListenerRule modifyRule(String ruleArn, List<TargetWeight> forward) {
    ListenerRule r = rule(ruleArn);
    if (forward.isEmpty()) {
      throw SimError.invalid("A forward action must have at least one target group");
    }
    int total = 0;
    for (TargetWeight tw : forward) {
      targetGroup(tw.targetGroupArn());
      if (tw.weight() < 0 || tw.weight() > MAX_WEIGHT) {
        throw SimError.invalid("Target group weight must be between 0 and " + MAX_WEIGHT);
      }
      total += tw.weight();
    }
    if (total == 0 && forward.size() > 1) {
      throw SimError.invalid("At least one target group must have a weight greater than 0");
    }
    List<TargetWeight> previous = r.forward;
    r.forward = List.copyOf(forward);
    indexForward(r, previous);
    Optional<Fault> delay = world.faults().ruleDelayFor(ruleArn);
    if (delay.isPresent()) {
      r.staleForward = previous;
      r.staleReadsLeft = delay.get().reads() == null ? 0 : delay.get().reads();
      r.staleUntil =
          delay.get().durationMillis() == null
              ? null
              : world.now().plus(Duration.ofMillis(delay.get().durationMillis()));
    }
    world.traffic().weightsChanged(r);
    world.journal().record("elbv2", "ModifyRule", ruleArn, null, "ok", describe(forward));
    return r;
  }

  public TargetGroup createTargetGroup(
      String name,
      String protocol,
      Integer port,
      String vpcId,
      String targetType,
      Map<String, String> tags) {
    if (name == null || !TG_NAME.matcher(name).matches()) {
      throw SimError.invalid(
          "Target group name '" + name + "' must be 1-32 alphanumeric or hyphen characters");
    }
    for (TargetGroup existing : targetGroups.values()) {
      if (existing.name.equals(name)) {
        // ELBv2 CreateTargetGroup is idempotent for identical settings.
        if (sameSettings(existing, protocol, port, vpcId)) {
          world
              .journal()
              .record("elbv2", "CreateTargetGroup", existing.arn, null, "replayed", null);
          return existing;
        }
        throw new SimError(
            ErrorKind.ALREADY_EXISTS,
            "A target group with the same name '" + name + "' exists, but with different settings");
      }
    }
    TargetGroup tg = new TargetGroup();
    tg.name = name;
    tg.arn = arn("targetgroup/" + name + "/" + SimIds.shortId("tg/" + name, 16));
    if (protocol != null) {
      tg.protocol = protocol;
    }
    if (port != null) {
      tg.port = port;
    }
    tg.vpcId = vpcId;
    if (targetType != null) {
      tg.targetType = targetType;
    }
    tg.createdAt = world.now();
    tg.tags = new LinkedHashMap<>(tags == null ? Map.of() : tags);
    tg.cluster = clusterOf(name, tg.tags);
    targetGroups.put(tg.arn, tg);
    world.journal().record("elbv2", "CreateTargetGroup", tg.arn, null, "created", tg.cluster);
    return tg;
  }

  /**
   * Which EKS cluster a target group reaches: the {@code bluegreen.dev/cluster} tag, else the name
   * with a {@code tg-} prefix stripped.
   */
  private static String clusterOf(String name, Map<String, String> tags) {
    if (tags.containsKey("bluegreen.dev/cluster")) {
      return tags.get("bluegreen.dev/cluster");
    }
    return name.startsWith("tg-") ? name.substring(3) : name;
  }

  private static boolean sameSettings(TargetGroup tg, String protocol, Integer port, String vpcId) {
    return (protocol == null || protocol.equals(tg.protocol))
        && (port == null || port == tg.port)
        && (vpcId == null || vpcId.equals(tg.vpcId));
  }

  /** Seeds a target group for a cluster without a journal entry. */
  public TargetGroup seedTargetGroup(String name, String cluster, String vpcId) {
    TargetGroup tg = new TargetGroup();
    tg.name = name;
    tg.arn = arn("targetgroup/" + name + "/" + SimIds.shortId("tg/" + name, 16));
    tg.vpcId = vpcId;
    tg.cluster = cluster;
    tg.createdAt = world.now();
    tg.tags.put("bluegreen.dev/cluster", cluster);
    targetGroups.put(tg.arn, tg);
    return tg;
  }

  public void deleteTargetGroup(String arn) {
    TargetGroup tg = targetGroups.get(arn);
    if (tg == null) {
      // Like ELBv2, deleting a missing target group succeeds.
      world.journal().record("elbv2", "DeleteTargetGroup", arn, null, "ok", "absent");
      return;
    }
    if (!rulesForwardingTo.getOrDefault(arn, Set.of()).isEmpty()) {
      throw SimError.inUse(
          "Target group '" + arn + "' is currently in use by a listener or a rule");
    }
    targetGroups.remove(arn);
    world.journal().record("elbv2", "DeleteTargetGroup", arn, null, "ok", null);
  }

  public TargetGroup targetGroup(String arn) {
    TargetGroup tg = targetGroups.get(arn);
    if (tg == null) {
      throw new SimError(ErrorKind.NOT_FOUND, "One or more target groups not found");
    }
    return tg;
  }

  public List<TargetGroup> targetGroups() {
    return List.copyOf(targetGroups.values());
  }

  private void indexForward(ListenerRule r, List<TargetWeight> previous) {
    for (TargetWeight tw : previous) {
      Set<String> named = rulesForwardingTo.get(tw.targetGroupArn());
      if (named != null) {
        named.remove(r.arn);
      }
    }
    for (TargetWeight tw : r.forward) {
      rulesForwardingTo.computeIfAbsent(tw.targetGroupArn(), a -> new LinkedHashSet<>()).add(r.arn);
    }
  }

  /** The target groups that reach a cluster (no copy of the whole list: fleets have thousands). */
  public List<TargetGroup> targetGroupsOf(String cluster) {
    List<TargetGroup> out = new ArrayList<>();
    for (TargetGroup tg : targetGroups.values()) {
      if (cluster.equals(tg.cluster)) {
        out.add(tg);
      }
    }
    return out;
  }

  public Optional<TargetGroup> targetGroupByName(String name) {
    return targetGroups.values().stream().filter(t -> t.name.equals(name)).findFirst();
  }

  /** The load balancers whose rules forward to this target group. */
  public List<String> loadBalancersOf(TargetGroup tg) {
    List<String> out = new ArrayList<>();
    for (String ruleArn : rulesForwardingTo.getOrDefault(tg.arn, Set.of())) {
      String lb = listeners.get(rules.get(ruleArn).listenerArn).loadBalancerArn;
      if (!out.contains(lb)) {
        out.add(lb);
      }
    }
    return out;
  }

  public void registerTargets(String arn, List<TargetGroup.Target> targets) {
    TargetGroup tg = targetGroup(arn);
    for (TargetGroup.Target t : targets) {
      tg.targets.removeIf(x -> x.id().equals(t.id()));
      tg.targets.add(t);
    }
    world
        .journal()
        .record("elbv2", "RegisterTargets", arn, null, "ok", targets.size() + " targets");
  }

  /**
   * Health of each target: healthy while its cluster is ACTIVE and its workloads are healthy;
   * unhealthy when they answer mostly 5xx; unavailable when the cluster is gone.
   */
  public List<TargetHealth> targetHealth(String arn) {
    TargetGroup tg = targetGroup(arn);
    Optional<Cluster> cluster = world.eks().clusters().find(tg.cluster);
    double errorRate = world.traffic().errorRate(tg.cluster);
    List<TargetHealth> out = new ArrayList<>();
    for (TargetGroup.Target t : tg.targets) {
      if (cluster.isEmpty() || cluster.get().status == Cluster.Status.DELETING) {
        out.add(
            new TargetHealth(t, "unavailable", "Target.NotRegistered", "Target is not registered"));
      } else if (cluster.get().status != Cluster.Status.ACTIVE) {
        out.add(
            new TargetHealth(
                t, "initial", "Elb.RegistrationInProgress", "Target registration is in progress"));
      } else if (errorRate >= 0.5) {
        out.add(
            new TargetHealth(
                t,
                "unhealthy",
                "Target.ResponseCodeMismatch",
                "Health checks failed with these codes: [503]"));
      } else {
        out.add(new TargetHealth(t, "healthy", null, null));
      }
    }
    return out;
  }

  /**
   * A description of the weight rules still send to a cluster's target groups, if any: the
   * decommissioning invariant says this must be empty before the cluster is deleted.
   */
  public Optional<String> weightSentTo(String cluster) {
    List<String> hits = new ArrayList<>();
    for (ListenerRule r : rules.values()) {
      for (TargetWeight tw : r.forward) {
        TargetGroup tg = targetGroups.get(tw.targetGroupArn());
        if (tg != null && cluster.equals(tg.cluster) && tw.weight() > 0) {
          hits.add("rule " + r.arn + " sends weight " + tw.weight() + " to " + tg.name);
        }
      }
    }
    return hits.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", hits));
  }

  private static String describe(List<TargetWeight> forward) {
    StringBuilder sb = new StringBuilder();
    for (TargetWeight tw : forward) {
      String arn = tw.targetGroupArn();
      String name = arn.contains(":targetgroup/") ? arn.split("/")[1] : arn;
      sb.append(sb.length() == 0 ? "" : ",").append(name).append('=').append(tw.weight());
    }
    return sb.toString();
  }

  private String arn(String resource) {
    return "arn:aws:elasticloadbalancing:"
        + world.region()
        + ":"
        + world.accountId()
        + ":"
        + resource;
  }
}
