package dev.bluegreen.cloudsim.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The VPC subnets EKS places nodes in, with their free IP addresses: a node group reserves {@link
 * #IPS_PER_NODE} per node and fails to create where the subnets have too few.
 */
public final class SubnetIps {
  /** VPC CNI reserves roughly this many IPs per node (one ENI's worth of warm pod IPs). */
  public static final int IPS_PER_NODE = 30;

  /** Free IPs assumed for a subnet the fleet file did not declare. */
  public static final int UNDECLARED_SUBNET_FREE_IPS = 8187;

  private final World world;
  private final Map<String, Subnet> subnets = new LinkedHashMap<>();

  SubnetIps(World world) {
    this.world = world;
  }

  public Subnet declare(String id, String vpcId, String az, int freeIps) {
    Subnet s = new Subnet();
    s.id = id;
    s.vpcId = vpcId;
    s.availabilityZone = az;
    s.freeIps = freeIps;
    subnets.put(id, s);
    return s;
  }

  public Optional<Subnet> find(String id) {
    return Optional.ofNullable(subnets.get(id));
  }

  public List<Subnet> list() {
    return List.copyOf(subnets.values());
  }

  /** The subnet, declared on first use with {@link #UNDECLARED_SUBNET_FREE_IPS} when unknown. */
  Subnet findOrDeclare(String id) {
    return subnets.computeIfAbsent(
        id,
        k -> {
          Subnet s = new Subnet();
          s.id = k;
          s.vpcId = "vpc-undeclared";
          s.availabilityZone = world.region() + "a";
          s.freeIps = UNDECLARED_SUBNET_FREE_IPS;
          return s;
        });
  }

  /** Free IPs in all of a node group's subnets together. */
  int freeIn(NodeGroup ng) {
    return ng.subnets.stream().mapToInt(s -> findOrDeclare(s).freeIps).sum();
  }

  /** Takes up to {@code needed} IPs from the node group's subnets, in their order. */
  void reserve(NodeGroup ng, int needed) {
    int left = needed;
    for (String id : ng.subnets) {
      Subnet s = findOrDeclare(id);
      int take = Math.min(left, s.freeIps);
      s.freeIps -= take;
      left -= take;
      ng.reservedIps += take;
    }
  }

  /** Gives a deleted node group's IPs back (to its first subnet). */
  void release(NodeGroup ng) {
    if (!ng.subnets.isEmpty()) {
      findOrDeclare(ng.subnets.get(0)).freeIps += ng.reservedIps;
    }
    ng.reservedIps = 0;
  }
}
