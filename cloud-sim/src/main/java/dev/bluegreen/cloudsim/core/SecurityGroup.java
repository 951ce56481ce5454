package dev.bluegreen.cloudsim.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An EC2 security group with its ingress rules (egress is not modelled: everything may leave).
 * Mutable; only touched while holding the world lock.
 */
public final class SecurityGroup {
  public String id;
  public String name;
  public String description;
  public String vpcId;
  public Map<String, String> tags = new LinkedHashMap<>();

  /** Ingress rules by rule id ({@code sgr-...}), in the order they were added. */
  public final Map<String, SecurityGroupRule> ingress = new LinkedHashMap<>();
}
