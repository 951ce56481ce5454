package dev.bluegreen.cloudsim.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A simulated managed node group. Mutable; only touched under the world lock. */
public final class NodeGroup {
  /** EKS node group statuses the simulator uses. */
  public enum Status {
    CREATING,
    ACTIVE,
    UPDATING,
    DELETING,
    CREATE_FAILED,
    DELETE_FAILED,
    DEGRADED
  }

  /** A Kubernetes taint as EKS models it (effect is NO_SCHEDULE, NO_EXECUTE, ...). */
  public record Taint(String key, String value, String effect) {}

  /** A health issue EKS reports on a node group. */
  public record HealthIssue(String code, String message) {}

  public String name;
  public String arn;
  public String clusterName;
  public String version;
  public String releaseVersion;
  public Status status;
  public Instant createdAt;
  public Instant modifiedAt;
  public List<String> instanceTypes = new ArrayList<>();
  public List<String> subnets = new ArrayList<>();
  public int minSize;
  public int maxSize;
  public int desiredSize;
  public Map<String, String> labels = new LinkedHashMap<>();
  public List<Taint> taints = new ArrayList<>();
  public String amiType = "AL2023_x86_64_STANDARD";
  public String capacityType = "ON_DEMAND";
  public String nodeRole;
  public Integer diskSize;

  // The launch template the node group uses (all null without one): its nodes take the template's
  // security groups instead of the cluster security group.
  public String launchTemplateId;
  public String launchTemplateName;
  public String launchTemplateVersion;
  public long launchTemplateVersionNumber;

  // updateConfig: how many nodes a version or AMI update may take down at once. EKS's default is
  // one node; exactly one of the two is set.
  public Integer maxUnavailable = 1;
  public Integer maxUnavailablePercentage;
  public String updateStrategy;
  public Map<String, String> tags = new LinkedHashMap<>();
  public List<HealthIssue> healthIssues = new ArrayList<>();
  public String clientRequestToken;

  /** Subnet IPs this node group holds, returned when it is deleted. */
  public int reservedIps;
}
