package dev.bluegreen.cloudsim.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A simulated EKS add-on. Mutable; only touched under the world lock. */
public final class Addon {
  /** EKS add-on statuses the simulator uses. */
  public enum Status {
    CREATING,
    ACTIVE,
    DELETING,
    CREATE_FAILED,
    DEGRADED
  }

  public String name;
  public String arn;
  public String clusterName;
  public String version;
  public Status status;
  public Instant createdAt;
  public Instant modifiedAt;
  public String serviceAccountRoleArn;
  public String configurationValues;
  public Map<String, String> tags = new LinkedHashMap<>();
}
