package dev.bluegreen.provisioner.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the pre-flight checks look at, gathered by the cloud adapter before any check runs.
 *
 * @param upgradeId the upgrade
 * @param targetVersion the version green gets
 * @param blue blue as EKS describes it
 * @param blueNodegroups blue's managed node groups
 * @param blueAddons blue's add-ons
 * @param addonVersionsForTarget per add-on name, the versions compatible with the target
 * @param targetSupport what EKS says about the target version
 * @param insights blue's upgrade-readiness insights
 * @param subnetFreeIps free IPs of the subnets green's nodes will use
 * @param limits account limits and use
 * @param green a cluster already carrying green's name, if any
 * @param ipsPerNode VPC IPs one node takes with its pods (VPC CNI: 1 + max pods)
 * @param awsAuth blue's aws-auth mappings as green's access entries
 * @param blueLaunchTemplates per node group of blue's with a launch template, the version it uses
 *     (absent when EC2 no longer has it)
 */
public record PreflightInput(
    String upgradeId,
    String targetVersion,
    Observed.Cluster blue,
    List<Observed.Nodegroup> blueNodegroups,
    List<Observed.Addon> blueAddons,
    Map<String, Observed.AddonVersions> addonVersionsForTarget,
    Observed.VersionSupport targetSupport,
    List<Observed.Insight> insights,
    Observed.SubnetFreeIps subnetFreeIps,
    Observed.AccountLimits limits,
    Optional<Observed.Cluster> green,
    int ipsPerNode,
    AwsAuthTranslation awsAuth,
    Map<String, Observed.LaunchTemplateVersion> blueLaunchTemplates) {}
