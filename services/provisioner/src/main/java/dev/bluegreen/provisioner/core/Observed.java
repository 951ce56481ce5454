package dev.bluegreen.provisioner.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the cloud adapter observed, as plain records: the inputs of the pre-flight checks and of the
 * green plan. Nothing here knows the SDK; {@code cloud/} translates into these.
 */
public final class Observed {

  private Observed() {}

  /**
   * An EKS cluster as {@code DescribeCluster} shows it.
   *
   * @param name cluster name
   * @param version Kubernetes minor version
   * @param status EKS status (CREATING, ACTIVE, UPDATING, DELETING, FAILED, PENDING)
   * @param roleArn the cluster IAM role
   * @param vpcId its VPC
   * @param subnetIds its subnets
   * @param securityGroupIds the additional security groups (not the one EKS creates)
   * @param endpointPublicAccess public API endpoint on
   * @param endpointPrivateAccess private API endpoint on
   * @param publicAccessCidrs CIDRs allowed on the public endpoint
   * @param enabledLogTypes control plane log types that are on
   * @param encryption envelope encryption of secrets
   * @param serviceIpv4Cidr the service CIDR, if set
   * @param ipFamily ipv4 or ipv6, if set
   * @param authenticationMode API, API_AND_CONFIG_MAP or CONFIG_MAP, if known
   * @param tags its tags
   */
  public record Cluster(
      String name,
      String version,
      String status,
      String roleArn,
      String vpcId,
      List<String> subnetIds,
      List<String> securityGroupIds,
      boolean endpointPublicAccess,
      boolean endpointPrivateAccess,
      List<String> publicAccessCidrs,
      List<String> enabledLogTypes,
      List<Encryption> encryption,
      String serviceIpv4Cidr,
      String ipFamily,
      String authenticationMode,
      Map<String, String> tags) {

    public Cluster {
      subnetIds = List.copyOf(subnetIds);
      securityGroupIds = List.copyOf(securityGroupIds);
      publicAccessCidrs = List.copyOf(publicAccessCidrs);
      enabledLogTypes = List.copyOf(enabledLogTypes);
      encryption = List.copyOf(encryption);
      tags = Map.copyOf(tags);
    }
  }

  /**
   * Envelope encryption of some resources with a KMS key.
   *
   * @param keyArn the KMS key
   * @param resources what it encrypts (e.g. secrets)
   */
  public record Encryption(String keyArn, List<String> resources) {}

  /**
   * A managed node group as {@code DescribeNodegroup} shows it.
   *
   * @param name node group name
   * @param status EKS status (CREATING, ACTIVE, UPDATING, CREATE_FAILED, DELETING, ...)
   * @param instanceTypes instance types
   * @param minSize minimum nodes
   * @param maxSize maximum nodes
   * @param desiredSize desired nodes
   * @param labels Kubernetes labels of its nodes
   * @param taints Kubernetes taints of its nodes
   * @param subnets subnets its nodes run in
   * @param nodeRole node IAM role
   * @param amiType AMI type
   * @param capacityType ON_DEMAND or SPOT
   * @param diskSize root volume GiB, if set
   * @param tags its tags
   * @param healthIssues health issue codes and messages (why it failed)
   * @param updateConfig how many nodes an update may take down at once, null if EKS said nothing
   * @param launchTemplate the launch template its nodes are launched from, null without one
   */
  public record Nodegroup(
      String name,
      String status,
      List<String> instanceTypes,
      int minSize,
      int maxSize,
      int desiredSize,
      Map<String, String> labels,
      List<Taint> taints,
      List<String> subnets,
      String nodeRole,
      String amiType,
      String capacityType,
      Integer diskSize,
      Map<String, String> tags,
      List<String> healthIssues,
      UpdateConfig updateConfig,
      LaunchTemplateRef launchTemplate) {

    public Nodegroup {
      instanceTypes = List.copyOf(instanceTypes);
      labels = Map.copyOf(labels);
      taints = List.copyOf(taints);
      subnets = List.copyOf(subnets);
      tags = Map.copyOf(tags);
      healthIssues = List.copyOf(healthIssues);
    }
  }

  /**
   * A node group's launch template as EKS names it.
   *
   * @param id the template's id
   * @param name the template's name
   * @param version the version its nodes are launched from (a number)
   */
  public record LaunchTemplateRef(String id, String name, String version) {
    /** How a person finds it: {@code name (id) version N}. */
    public String describe() {
      return name + " (" + id + ") version " + version;
    }
  }

  /**
   * One version of an EC2 launch template, as {@code DescribeLaunchTemplateVersions} shows it: what
   * the provisioner copies for green, and what it cannot.
   *
   * @param ref the template and version
   * @param tags the template's tags
   * @param imageId a custom AMI, or null (EKS picks the AMI for the node group's version)
   * @param instanceType the instance type, or null
   * @param securityGroupIds the nodes' security groups, copied as they are (rules admitting them
   *     admit green's nodes too)
   * @param userData base64 user data, or null
   * @param keyName the SSH key pair, or null
   * @param notCopied settings the template sets that the provisioner does not copy (by their API
   *     names, e.g. {@code BlockDeviceMappings}): green's nodes would differ, so pre-flight fails
   */
  public record LaunchTemplateVersion(
      LaunchTemplateRef ref,
      Map<String, String> tags,
      String imageId,
      String instanceType,
      List<String> securityGroupIds,
      String userData,
      String keyName,
      List<String> notCopied) {
    public LaunchTemplateVersion {
      tags = Map.copyOf(tags);
      securityGroupIds = List.copyOf(securityGroupIds);
      notCopied = List.copyOf(notCopied);
    }
  }

  /**
   * A launch template the provisioner made for green (found by name or by tags).
   *
   * @param id its id
   * @param name its name
   * @param defaultVersion its default version number
   * @param tags its tags
   */
  public record LaunchTemplateCopy(
      String id, String name, long defaultVersion, Map<String, String> tags) {}

  /**
   * A node group's update configuration: during a version or AMI update, at most this many nodes
   * (or this share of them) are unavailable at once. Exactly one of the two is set.
   *
   * @param maxUnavailable nodes, or null
   * @param maxUnavailablePercentage percent of the nodes, or null
   * @param updateStrategy DEFAULT or MINIMAL, null if not reported
   */
  public record UpdateConfig(
      Integer maxUnavailable, Integer maxUnavailablePercentage, String updateStrategy) {}

  /**
   * A Kubernetes taint of a node group.
   *
   * @param key taint key
   * @param value taint value, may be null
   * @param effect NO_SCHEDULE, NO_EXECUTE or PREFER_NO_SCHEDULE (EKS spelling)
   */
  public record Taint(String key, String value, String effect) {}

  /**
   * An add-on installed on a cluster.
   *
   * @param name add-on name, e.g. vpc-cni
   * @param version installed version
   * @param status EKS status
   * @param serviceAccountRoleArn IRSA role, if any
   * @param configurationValues its configuration (JSON or YAML), if any
   * @param tags its tags
   */
  public record Addon(
      String name,
      String version,
      String status,
      String serviceAccountRoleArn,
      String configurationValues,
      Map<String, String> tags) {}

  /**
   * The versions of one add-on that EKS lists as compatible with a Kubernetes version.
   *
   * @param name add-on name
   * @param compatibleVersions versions compatible with the target, newest first
   * @param defaultVersion the one EKS marks as default for the target, if any
   */
  public record AddonVersions(
      String name, List<String> compatibleVersions, Optional<String> defaultVersion) {
    public AddonVersions {
      compatibleVersions = List.copyOf(compatibleVersions);
    }
  }

  /**
   * An access entry (IAM principal to Kubernetes identity) of a cluster.
   *
   * @param principalArn the IAM principal
   * @param kubernetesGroups Kubernetes groups it maps to
   * @param username Kubernetes user name, may be null
   * @param type STANDARD, EC2_LINUX, EC2_WINDOWS, FARGATE_LINUX, ...
   * @param tags its tags
   * @param accessPolicies the access policies associated with it: what a STANDARD entry may do
   *     (without them it grants only what RBAC gives its Kubernetes groups)
   */
  public record AccessEntry(
      String principalArn,
      List<String> kubernetesGroups,
      String username,
      String type,
      Map<String, String> tags,
      List<AccessPolicy> accessPolicies) {

    public AccessEntry {
      accessPolicies = accessPolicies == null ? List.of() : List.copyOf(accessPolicies);
    }
  }

  /**
   * An access policy associated with an access entry, with its scope.
   *
   * @param policyArn e.g. arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy
   * @param scopeType cluster or namespace
   * @param namespaces the namespaces of a namespace scope; empty for cluster
   */
  public record AccessPolicy(String policyArn, String scopeType, List<String> namespaces) {

    public AccessPolicy {
      namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    }

    /** Same policy, same scope; namespaces are a set to EKS, so their order does not count. */
    public boolean sameAs(AccessPolicy other) {
      return policyArn.equals(other.policyArn)
          && scopeType.equals(other.scopeType)
          && java.util.Set.copyOf(namespaces).equals(java.util.Set.copyOf(other.namespaces));
    }
  }

  /**
   * Blue's {@code kube-system/aws-auth} ConfigMap, as read from its Kubernetes API.
   *
   * @param state whether it was read, and what was found
   * @param detail why it was not read, or could not be (null when read)
   * @param mapRoles its {@code mapRoles} items, in order
   * @param mapUsers its {@code mapUsers} items, in order
   * @param mapAccounts its {@code mapAccounts} account ids
   */
  public record AwsAuth(
      AwsAuthState state,
      String detail,
      List<AwsAuthMapping> mapRoles,
      List<AwsAuthMapping> mapUsers,
      List<String> mapAccounts) {

    public AwsAuth {
      mapRoles = mapRoles == null ? List.of() : List.copyOf(mapRoles);
      mapUsers = mapUsers == null ? List.of() : List.copyOf(mapUsers);
      mapAccounts = mapAccounts == null ? List.of() : List.copyOf(mapAccounts);
    }

    /** Not looked at: blue authenticates through access entries only (mode API). */
    public static AwsAuth notUsed(String authenticationMode) {
      return new AwsAuth(
          AwsAuthState.NOT_USED,
          "authentication mode " + authenticationMode + " ignores aws-auth",
          null,
          null,
          null);
    }

    /** Blue has no aws-auth ConfigMap: no mappings. */
    public static AwsAuth absent() {
      return new AwsAuth(
          AwsAuthState.ABSENT, "kube-system/aws-auth does not exist", null, null, null);
    }

    /** The ConfigMap's mappings. */
    public static AwsAuth read(
        List<AwsAuthMapping> mapRoles, List<AwsAuthMapping> mapUsers, List<String> mapAccounts) {
      return new AwsAuth(AwsAuthState.READ, null, mapRoles, mapUsers, mapAccounts);
    }

    /**
     * It could not be read (API error, unparseable YAML): nobody can tell who would lose access.
     */
    public static AwsAuth unreadable(String reason) {
      return new AwsAuth(AwsAuthState.UNREADABLE, reason, null, null, null);
    }
  }

  /** Whether blue's aws-auth was read. */
  public enum AwsAuthState {
    /** Blue's authentication mode is API: aws-auth means nothing to EKS. */
    NOT_USED,
    /** No ConfigMap. */
    ABSENT,
    /** Read and parsed. */
    READ,
    /** Could not be read or parsed. */
    UNREADABLE
  }

  /**
   * One {@code mapRoles} or {@code mapUsers} item.
   *
   * @param arn its {@code rolearn} or {@code userarn}, null when missing
   * @param username its {@code username}, null when missing
   * @param groups its {@code groups}
   */
  public record AwsAuthMapping(String arn, String username, List<String> groups) {
    public AwsAuthMapping {
      groups = groups == null ? List.of() : List.copyOf(groups);
    }
  }

  /**
   * What {@code DescribeClusterVersions} says about one Kubernetes version, or that it does not
   * know it at all.
   *
   * @param version the version asked about
   * @param known whether EKS listed it
   * @param status STANDARD_SUPPORT, EXTENDED_SUPPORT or UNSUPPORTED when known
   * @param endOfStandardSupport ISO date, when known
   * @param endOfExtendedSupport ISO date, when known
   */
  public record VersionSupport(
      String version,
      boolean known,
      String status,
      String endOfStandardSupport,
      String endOfExtendedSupport) {

    /** EKS does not list this version. */
    public static VersionSupport unknown(String version) {
      return new VersionSupport(version, false, null, null, null);
    }
  }

  /**
   * An upgrade-readiness insight of a cluster, with its deprecation details.
   *
   * @param id insight id
   * @param name insight name
   * @param kubernetesVersion the version the insight is about (where the APIs are removed)
   * @param status PASSING, WARNING, ERROR or UNKNOWN
   * @param reason why it has that status
   * @param deprecations deprecated APIs still used
   */
  public record Insight(
      String id,
      String name,
      String kubernetesVersion,
      String status,
      String reason,
      List<DeprecatedApiUse> deprecations) {
    public Insight {
      deprecations = List.copyOf(deprecations);
    }
  }

  /**
   * One deprecated API still in use.
   *
   * @param usage the API, e.g. /apis/policy/v1beta1/podsecuritypolicies
   * @param replacedWith its replacement, may be null
   * @param stopServingVersion where it stops being served
   * @param clients user agents still calling it
   */
  public record DeprecatedApiUse(
      String usage, String replacedWith, String stopServingVersion, List<String> clients) {}

  /**
   * Free IPs per subnet, or why they could not be read.
   *
   * @param freeIps free IP addresses by subnet id (EC2 {@code AvailableIpAddressCount})
   * @param unavailableReason set when the numbers could not be read
   */
  public record SubnetFreeIps(Map<String, Integer> freeIps, String unavailableReason) {

    /** The numbers, read. */
    public static SubnetFreeIps of(Map<String, Integer> freeIps) {
      return new SubnetFreeIps(Map.copyOf(freeIps), null);
    }

    /** The numbers could not be read. */
    public static SubnetFreeIps unavailable(String reason) {
      return new SubnetFreeIps(Map.of(), reason);
    }
  }

  /**
   * Account limits and use, for the room-for-one-more-cluster check.
   *
   * @param clustersInRegion clusters that exist in the region now
   * @param clusterQuota clusters allowed per region
   * @param nodegroupQuotaPerCluster managed node groups allowed per cluster
   * @param quotaSource where the quotas came from (service-quotas or configuration)
   */
  public record AccountLimits(
      int clustersInRegion, int clusterQuota, int nodegroupQuotaPerCluster, String quotaSource) {}
}
