package dev.bluegreen.cloudsim.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A fleet file: the world the simulator starts with. YAML or JSON (JSON is YAML). See the module
 * README for the format and {@code demo-fleet.yaml} for an example.
 *
 * @param managementCluster name of the cluster that runs Argo CD (default "mgmt")
 * @param teams teams with the applications Argo CD deploys to each of their clusters
 * @param clusters the EKS clusters
 * @param securityGroups EC2 security groups of shared resources (databases, caches) whose ingress
 *     admits clusters' security groups, with the endpoints they guard
 * @param launchTemplates EC2 launch templates that node groups use (by name)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Fleet(
    String managementCluster,
    List<Team> teams,
    List<FleetCluster> clusters,
    List<SecurityGroupSpec> securityGroups,
    List<LaunchTemplateSpec> launchTemplates) {

  /** A fleet without shared resources or launch templates. */
  public Fleet(String managementCluster, List<Team> teams, List<FleetCluster> clusters) {
    this(managementCluster, teams, clusters, null, null);
  }

  /**
   * An EC2 launch template (version 1).
   *
   * @param name its name, which node groups refer to
   * @param imageId a custom AMI, or null
   * @param instanceType its instance type, or null
   * @param securityGroupIds the security groups of the nodes launched from it
   * @param userData base64 user data, or null
   * @param tags its tags
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record LaunchTemplateSpec(
      String name,
      String imageId,
      String instanceType,
      List<String> securityGroupIds,
      String userData,
      Map<String, String> tags) {}

  /**
   * A security group guarding shared resources.
   *
   * @param id its id, e.g. {@code sg-orders-db}
   * @param name its name (default: the id)
   * @param vpcId its VPC
   * @param tags its tags, e.g. {@code bluegreen.dev/mirror: never}
   * @param ingress its ingress rules
   * @param endpoints the {@code host:port}s it guards, which pods reach only when it admits them
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record SecurityGroupSpec(
      String id,
      String name,
      String vpcId,
      Map<String, String> tags,
      List<IngressSpec> ingress,
      List<EndpointSpec> endpoints) {}

  /**
   * An ingress rule: TCP {@code port} (or {@code fromPort}-{@code toPort}; {@code protocol} -1 for
   * all) from a fleet cluster's security group ({@code fromCluster}), another group ({@code
   * fromGroup}) or a CIDR block.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record IngressSpec(
      String protocol,
      Integer port,
      Integer fromPort,
      Integer toPort,
      String fromCluster,
      String fromGroup,
      String cidr,
      String description) {}

  /** A shared endpoint at {@code host:port}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record EndpointSpec(String host, int port) {}

  /** A team and its applications. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Team(String name, List<App> applications) {}

  /** An application (one Argo CD ApplicationSet per team and application). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record App(String name, Integer replicas, List<CronJobSpec> cronJobs) {}

  /** A CronJob an application ships. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record CronJobSpec(String name, String schedule) {}

  /**
   * One cluster of the fleet; {@code controlPlane} null is EKS's defaults, {@code accessEntries}
   * null is none, {@code awsAuth} null is no aws-auth ConfigMap.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record FleetCluster(
      String name,
      String version,
      String team,
      String vpcId,
      List<SubnetSpec> subnets,
      List<NodeGroupSpec> nodeGroups,
      List<AddonSpec> addons,
      String loadBalancer,
      String host,
      Integer priority,
      Double requestsPerSecond,
      List<DeprecatedApi> deprecatedApis,
      ControlPlaneSpec controlPlane,
      List<AccessEntrySpec> accessEntries,
      AwsAuthSpec awsAuth) {}

  /**
   * A cluster's control-plane configuration, as CreateCluster would have set it; absent fields are
   * EKS's defaults.
   *
   * @param endpointPublicAccess public API endpoint (default true)
   * @param endpointPrivateAccess private API endpoint (default false)
   * @param publicAccessCidrs who may reach the public endpoint (default 0.0.0.0/0)
   * @param logTypes control-plane log types sent to CloudWatch Logs (default none)
   * @param secretsKeyArn KMS key encrypting Kubernetes secrets (default none)
   * @param serviceIpv4Cidr the Services' CIDR (default 172.20.0.0/16)
   * @param authenticationMode API, API_AND_CONFIG_MAP (default) or CONFIG_MAP
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record ControlPlaneSpec(
      Boolean endpointPublicAccess,
      Boolean endpointPrivateAccess,
      List<String> publicAccessCidrs,
      List<String> logTypes,
      String secretsKeyArn,
      String serviceIpv4Cidr,
      String authenticationMode) {}

  /**
   * The {@code kube-system/aws-auth} ConfigMap of a cluster, as eksctl or Terraform write it: each
   * list becomes the YAML text of its data key. No field, no ConfigMap.
   *
   * @param mapRoles IAM roles mapped to Kubernetes identities
   * @param mapUsers IAM users mapped to Kubernetes identities
   * @param mapAccounts AWS account ids whose every principal is authenticated
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record AwsAuthSpec(
      List<RoleMapping> mapRoles, List<UserMapping> mapUsers, List<String> mapAccounts) {}

  /** One {@code mapRoles} item: {@code rolearn}, {@code username}, {@code groups}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record RoleMapping(String rolearn, String username, List<String> groups) {}

  /** One {@code mapUsers} item: {@code userarn}, {@code username}, {@code groups}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record UserMapping(String userarn, String username, List<String> groups) {}

  /**
   * An access entry and the access policies associated with it.
   *
   * @param principalArn the IAM role or user
   * @param type STANDARD (default), EC2_LINUX, ...
   * @param username Kubernetes user name (default: the principal ARN)
   * @param kubernetesGroups Kubernetes groups
   * @param accessPolicies policies with their scope (STANDARD entries only)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record AccessEntrySpec(
      String principalArn,
      String type,
      String username,
      List<String> kubernetesGroups,
      List<AccessPolicySpec> accessPolicies) {}

  /**
   * An associated access policy.
   *
   * @param policyArn e.g. arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy
   * @param namespaces the namespaces it is scoped to; empty means the whole cluster
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record AccessPolicySpec(String policyArn, List<String> namespaces) {}

  /** A subnet and its free IPs. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record SubnetSpec(String id, String az, int freeIps) {}

  /** A managed node group; {@code launchTemplate} names one of the fleet's launch templates. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record NodeGroupSpec(
      String name,
      List<String> instanceTypes,
      int minSize,
      int maxSize,
      int desiredSize,
      Map<String, String> labels,
      List<NodeGroup.Taint> taints,
      Integer maxUnavailable,
      Integer maxUnavailablePercentage,
      String launchTemplate) {

    /**
     * A node group of one instance type without labels, taints or launch template, with EKS's
     * default updateConfig (one node unavailable at a time).
     */
    public static NodeGroupSpec of(
        String name, String instanceType, int minSize, int maxSize, int desiredSize) {
      return new NodeGroupSpec(
          name,
          List.of(instanceType),
          minSize,
          maxSize,
          desiredSize,
          Map.of(),
          List.of(),
          null,
          null,
          null);
    }
  }

  /** An add-on; version null means the default for the cluster's Kubernetes version. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AddonSpec(String name, String version) {}

  /** Reads a fleet (YAML or JSON); CloudSimMain opens the file. */
  public static Fleet read(InputStream in) throws IOException {
    return mapper().readValue(in, Fleet.class);
  }

  /** The demo fleet shipped with the simulator (12 clusters, 3 teams, 3 versions). */
  public static Fleet demo() {
    try (InputStream in =
        Fleet.class.getResourceAsStream("/dev/bluegreen/cloudsim/demo-fleet.yaml")) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the demo fleet", e);
    }
  }

  /** The fleet as YAML. */
  public String toYaml() {
    try {
      return mapper().writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectMapper mapper() {
    YAMLFactory yaml =
        YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // Versions like 1.30 must stay strings, not become the number 1.3.
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();
    return new ObjectMapper(yaml).disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }
}
