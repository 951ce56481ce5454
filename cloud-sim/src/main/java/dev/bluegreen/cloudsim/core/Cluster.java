package dev.bluegreen.cloudsim.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated EKS cluster. Mutable; only touched while holding the world lock (see {@link World}).
 */
public final class Cluster {
  /** EKS cluster statuses the simulator uses. */
  public enum Status {
    CREATING,
    ACTIVE,
    DELETING,
    FAILED,
    UPDATING
  }

  public String name;
  public String arn;
  public String version;
  public String platformVersion;
  public String roleArn;
  public Status status;
  public Instant createdAt;
  public String vpcId;
  public List<String> subnetIds = new ArrayList<>();
  public List<String> securityGroupIds = new ArrayList<>();
  public String clusterSecurityGroupId;
  public String team;
  public String clientRequestToken;
  public Map<String, String> tags = new LinkedHashMap<>();
  public final Map<String, NodeGroup> nodeGroups = new LinkedHashMap<>();
  public final Map<String, Addon> addons = new LinkedHashMap<>();
  public final Map<String, AccessEntry> accessEntries = new LinkedHashMap<>();
  public final List<DeprecatedApi> deprecatedApis = new ArrayList<>();
  public final Map<String, Update> updates = new LinkedHashMap<>();
}
