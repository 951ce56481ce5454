package dev.bluegreen.cloudsim.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One ingress rule of a security group: a protocol and port range from either another security
 * group ({@link #referencedGroupId}) or a CIDR block. Mutable under the world lock.
 */
public final class SecurityGroupRule {
  public String id;
  public String groupId;

  /** {@code tcp}, {@code udp}, {@code icmp} or {@code -1} (all). */
  public String protocol;

  public int fromPort;
  public int toPort;
  public String referencedGroupId;
  public String cidrIpv4;
  public String description;
  public Map<String, String> tags = new LinkedHashMap<>();

  /** Whether this rule lets {@code port} in over TCP from {@code sourceGroup}. */
  boolean admits(String sourceGroup, int port) {
    if (referencedGroupId == null || !referencedGroupId.equals(sourceGroup)) {
      return false;
    }
    return "-1".equals(protocol) || ("tcp".equals(protocol) && fromPort <= port && port <= toPort);
  }

  /** Same permission (what EC2 calls a duplicate rule), whatever the id, tags or description. */
  boolean samePermission(SecurityGroupRule o) {
    return protocol.equals(o.protocol)
        && ("-1".equals(protocol) || (fromPort == o.fromPort && toPort == o.toPort))
        && java.util.Objects.equals(referencedGroupId, o.referencedGroupId)
        && java.util.Objects.equals(cidrIpv4, o.cidrIpv4);
  }
}
