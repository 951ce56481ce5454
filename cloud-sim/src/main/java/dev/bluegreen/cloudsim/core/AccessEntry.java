package dev.bluegreen.cloudsim.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A simulated EKS access entry (the replacement for the aws-auth ConfigMap). */
public final class AccessEntry {
  public String clusterName;
  public String principalArn;
  public String arn;
  public List<String> kubernetesGroups = new ArrayList<>();
  public String username;
  public String type = "STANDARD";
  public Instant createdAt;
  public Instant modifiedAt;
  public Map<String, String> tags = new LinkedHashMap<>();

  /** Associated access policies by policy ARN (each policy at most once per entry, as in EKS). */
  public final Map<String, AccessPolicyAssociation> accessPolicies = new LinkedHashMap<>();
}
