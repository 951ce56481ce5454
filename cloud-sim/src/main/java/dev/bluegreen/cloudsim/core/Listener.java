package dev.bluegreen.cloudsim.core;

/** A simulated ALB listener. */
public final class Listener {
  public String arn;
  public String loadBalancerArn;
  public int port = 443;
  public String protocol = "HTTPS";
}
