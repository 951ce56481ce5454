package dev.bluegreen.cloudsim.core;

import java.time.Instant;

/** A simulated Application Load Balancer. */
public final class LoadBalancer {
  public String arn;
  public String name;
  public String dnsName;
  public String vpcId;
  public String scheme = "internet-facing";
  public Instant createdAt;

  /** The CloudWatch dimension value, e.g. app/my-alb/50dc6c495c0c9188. */
  public String dimension() {
    return arn.substring(arn.indexOf(":loadbalancer/") + ":loadbalancer/".length());
  }
}
