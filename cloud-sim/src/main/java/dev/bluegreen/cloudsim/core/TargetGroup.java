package dev.bluegreen.cloudsim.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A simulated target group; {@link #cluster} is the EKS cluster whose workloads it reaches. */
public final class TargetGroup {
  /** A registered target. */
  public record Target(String id, Integer port) {}

  public String arn;
  public String name;
  public String protocol = "HTTP";
  public int port = 80;
  public String vpcId;
  public String targetType = "ip";
  public String healthCheckPath = "/healthz";
  public String cluster;
  public Instant createdAt;
  public List<Target> targets = new ArrayList<>();
  public Map<String, String> tags = new LinkedHashMap<>();

  /** The CloudWatch dimension value, e.g. targetgroup/my-tg/73e2d6bc24d8a067. */
  public String dimension() {
    return arn.substring(arn.indexOf(":targetgroup/") + 1);
  }
}
