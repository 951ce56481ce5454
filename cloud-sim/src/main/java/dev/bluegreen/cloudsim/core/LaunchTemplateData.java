package dev.bluegreen.cloudsim.core;

import java.util.List;

/**
 * What one version of an EC2 launch template sets, as far as the simulator models it: the AMI (a
 * custom one pins the node's Kubernetes version), the instance type, the security groups of the
 * nodes launched from it (EKS then does not add the cluster security group to them) and user data.
 *
 * @param imageId a custom AMI, or null (EKS picks its AMI by the node group's amiType)
 * @param instanceType the instance type, or null (the node group's instanceTypes)
 * @param securityGroupIds the nodes' security groups (empty: EKS gives them the cluster group)
 * @param userData base64 user data, or null
 */
public record LaunchTemplateData(
    String imageId, String instanceType, List<String> securityGroupIds, String userData) {
  public LaunchTemplateData {
    securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
  }
}
