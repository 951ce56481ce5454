package dev.bluegreen.cloudsim.core;

/** A VPC subnet with the number of IP addresses still free in it. Mutable under the world lock. */
public final class Subnet {
  public String id;
  public String vpcId;
  public String availabilityZone;
  public int freeIps;
}
