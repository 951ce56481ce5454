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

  // Control-plane configuration as CreateCluster set it (EKS's defaults otherwise), echoed by
  // DescribeCluster so a copy of this cluster can be checked against it.
  public boolean endpointPublicAccess = true;
  public boolean endpointPrivateAccess;
  public List<String> publicAccessCidrs = new ArrayList<>(List.of("0.0.0.0/0"));
  public List<String> enabledLogTypes = new ArrayList<>();
  public List<ClusterConfig.Encryption> encryption = new ArrayList<>();
  public String serviceIpv4Cidr = "172.20.0.0/16";
  public String ipFamily = "ipv4";
  public String authenticationMode = "API_AND_CONFIG_MAP";

  public final Map<String, NodeGroup> nodeGroups = new LinkedHashMap<>();
  public final Map<String, Addon> addons = new LinkedHashMap<>();
  public final Map<String, AccessEntry> accessEntries = new LinkedHashMap<>();
  public final List<DeprecatedApi> deprecatedApis = new ArrayList<>();
  public final Map<String, Update> updates = new LinkedHashMap<>();
}
