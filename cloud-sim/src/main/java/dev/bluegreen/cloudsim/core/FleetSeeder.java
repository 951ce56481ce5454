package dev.bluegreen.cloudsim.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.bluegreen.contracts.naming.PhysicalNames;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a {@link Fleet} into world state: ACTIVE clusters with node groups and add-ons, one ALB per
 * load-balancer name with a host rule and target group per cluster, Argo CD cluster secrets and one
 * ApplicationSet per team and application on the management cluster, and the applications already
 * Synced/Healthy with their CronJobs running (unsuspended) on their cluster.
 */
public final class FleetSeeder {
  /** Annotation on an ApplicationSet template listing the CronJobs the application ships. */
  public static final String CRONJOBS_ANNOTATION = "sim.bluegreen.dev/cronjobs";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML =
      new ObjectMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .build())
          .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);

  private FleetSeeder() {}

  public static void seed(World world, Fleet fleet) {
    EksControlPlane eks = world.eks();
    LoadBalancing lb = world.loadBalancing();
    KubeStore mgmt = world.kubeStore(world.managementCluster());
    world.argo().pause();
    if (fleet.teams() != null) {
      for (Fleet.Team team : fleet.teams()) {
        for (Fleet.App app :
            team.applications() == null ? List.<Fleet.App>of() : team.applications()) {
          mgmt.seed(KubeResourceType.APPLICATION_SETS, applicationSet(team.name(), app));
        }
      }
    }
    for (Fleet.LaunchTemplateSpec lt :
        fleet.launchTemplates() == null
            ? List.<Fleet.LaunchTemplateSpec>of()
            : fleet.launchTemplates()) {
      world
          .launchTemplates()
          .seed(
              lt.name(),
              new LaunchTemplateData(
                  lt.imageId(), lt.instanceType(), lt.securityGroupIds(), lt.userData()),
              lt.tags());
    }
    int priority = 1;
    for (Fleet.FleetCluster fc :
        fleet.clusters() == null ? List.<Fleet.FleetCluster>of() : fleet.clusters()) {
      List<Fleet.SubnetSpec> subnets = fc.subnets() == null ? List.of() : fc.subnets();
      String vpc = fc.vpcId() != null ? fc.vpcId() : "vpc-" + fc.name();
      subnets.forEach(s -> eks.subnets().declare(s.id(), vpc, s.az(), s.freeIps()));
      List<String> subnetIds = subnets.stream().map(Fleet.SubnetSpec::id).toList();
      Cluster c =
          eks.clusters()
              .seed(
                  new EksClusters.ClusterSpec(
                      fc.name(),
                      fc.version(),
                      "arn:aws:iam::" + world.accountId() + ":role/eks-cluster-role",
                      subnetIds,
                      List.of(),
                      fc.team() == null ? Map.of() : Map.of("team", fc.team()),
                      fc.team(),
                      controlPlane(fc.controlPlane())));
      if (fc.deprecatedApis() != null) {
        c.deprecatedApis.addAll(fc.deprecatedApis());
      }
      for (Fleet.NodeGroupSpec ng :
          fc.nodeGroups() == null ? List.<Fleet.NodeGroupSpec>of() : fc.nodeGroups()) {
        eks.nodegroups()
            .seed(
                c.name,
                new EksNodegroups.NodegroupSpec(
                    ng.name(),
                    ng.instanceTypes(),
                    subnetIds,
                    ng.minSize(),
                    ng.maxSize(),
                    ng.desiredSize(),
                    ng.labels(),
                    ng.taints(),
                    "arn:aws:iam::" + world.accountId() + ":role/eks-node-role",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    ng.maxUnavailable() == null && ng.maxUnavailablePercentage() == null
                        ? null
                        : new UpdateConfig(
                            ng.maxUnavailable(), ng.maxUnavailablePercentage(), null),
                    ng.launchTemplate() == null
                        ? null
                        : new EksNodegroups.LaunchTemplateRef(null, ng.launchTemplate(), null)));
      }
      for (Fleet.AccessEntrySpec e :
          fc.accessEntries() == null ? List.<Fleet.AccessEntrySpec>of() : fc.accessEntries()) {
        Map<String, EksAccessPolicies.AccessScope> policies = new LinkedHashMap<>();
        for (Fleet.AccessPolicySpec p :
            e.accessPolicies() == null ? List.<Fleet.AccessPolicySpec>of() : e.accessPolicies()) {
          boolean namespaced = p.namespaces() != null && !p.namespaces().isEmpty();
          policies.put(
              p.policyArn(),
              new EksAccessPolicies.AccessScope(
                  namespaced ? "namespace" : "cluster", namespaced ? p.namespaces() : null));
        }
        eks.accessEntries()
            .seed(c.name, e.principalArn(), e.kubernetesGroups(), e.username(), e.type(), policies);
      }
      if (fc.awsAuth() != null) {
        world.kubeStore(c.name).seed(KubeResourceType.CONFIG_MAPS, awsAuthConfigMap(fc.awsAuth()));
      }
      for (Fleet.AddonSpec a : fc.addons() == null ? List.<Fleet.AddonSpec>of() : fc.addons()) {
        eks.addons().seed(c.name, a.name(), a.version());
      }
      if (fc.loadBalancer() != null) {
        LoadBalancer alb = lb.ensureLoadBalancer(fc.loadBalancer(), vpc);
        // tg-<cluster>, cut to ELBv2's 32 characters as the platform names them (PhysicalNames).
        TargetGroup tg = lb.seedTargetGroup(PhysicalNames.targetGroup(c.name), c.name, vpc);
        tg.targets.add(new TargetGroup.Target("10.0." + (priority % 250) + ".10", 8080));
        String host = fc.host() != null ? fc.host() : c.name + ".example.com";
        double rps = fc.requestsPerSecond() != null ? fc.requestsPerSecond() : 50.0;
        lb.seedRule(
            lb.listenersOf(alb.arn).get(0).arn,
            fc.priority() != null ? fc.priority() : priority,
            host,
            tg.arn,
            rps);
      }
      priority++;
      mgmt.seed(KubeResourceType.SECRETS, clusterSecret(world, c));
    }
    seedSecurityGroups(world, fleet);
    world.argo().resume();
    // Seeded applications start Synced/Healthy: run the Argo sync steps now, not after a delay.
    world.drainTimeline();
    // The fleet's own clusters run their CronJobs; only a new (green) cluster gets them suspended.
    for (Cluster c : eks.clusters().list()) {
      KubeStore store = world.kubeStore(c.name);
      for (ObjectNode cj : store.list(KubeResourceType.CRONJOBS, null, o -> true)) {
        cj.with("spec").put("suspend", false);
        store.putDirect(KubeResourceType.CRONJOBS, cj);
      }
    }
  }

  /** Shared resources' groups; a rule {@code fromCluster} references that cluster's group. */
  private static void seedSecurityGroups(World world, Fleet fleet) {
    SecurityGroups sgs = world.securityGroups();
    List<Fleet.SecurityGroupSpec> specs =
        fleet.securityGroups() == null ? List.of() : fleet.securityGroups();
    for (Fleet.SecurityGroupSpec g : specs) {
      sgs.declare(g.id(), g.name(), null, g.vpcId(), g.tags());
    }
    for (Fleet.SecurityGroupSpec g : specs) {
      for (Fleet.IngressSpec in :
          g.ingress() == null ? List.<Fleet.IngressSpec>of() : g.ingress()) {
        String from =
            in.fromCluster() != null
                ? world.eks().clusters().describe(in.fromCluster()).clusterSecurityGroupId
                : in.fromGroup();
        int fromPort = in.fromPort() != null ? in.fromPort() : in.port() == null ? -1 : in.port();
        int toPort = in.toPort() != null ? in.toPort() : fromPort;
        sgs.seedRule(
            g.id(),
            new SecurityGroups.Permission(
                in.protocol() == null ? "tcp" : in.protocol(),
                fromPort,
                toPort,
                from,
                from == null ? in.cidr() : null,
                in.description()),
            Map.of());
      }
      for (Fleet.EndpointSpec e :
          g.endpoints() == null ? List.<Fleet.EndpointSpec>of() : g.endpoints()) {
        sgs.addEndpoint(new SharedEndpoint(e.host(), e.port(), g.id()));
      }
    }
  }

  /** A fleet cluster's control plane as CreateCluster's configuration; null is EKS's defaults. */
  private static ClusterConfig controlPlane(Fleet.ControlPlaneSpec cp) {
    if (cp == null) {
      return null;
    }
    return new ClusterConfig(
        cp.endpointPublicAccess(),
        cp.endpointPrivateAccess(),
        cp.publicAccessCidrs(),
        cp.logTypes(),
        cp.secretsKeyArn() == null
            ? List.of()
            : List.of(new ClusterConfig.Encryption(cp.secretsKeyArn(), List.of("secrets"))),
        cp.serviceIpv4Cidr(),
        null,
        cp.authenticationMode());
  }

  /**
   * The {@code kube-system/aws-auth} ConfigMap: each mapping list as the YAML text of its data key,
   * the way eksctl and Terraform write it.
   */
  public static ObjectNode awsAuthConfigMap(Fleet.AwsAuthSpec spec) {
    ObjectNode cm = JSON.createObjectNode();
    cm.put("apiVersion", "v1").put("kind", "ConfigMap");
    cm.with("metadata").put("name", "aws-auth").put("namespace", "kube-system");
    ObjectNode data = cm.with("data");
    try {
      if (spec.mapRoles() != null && !spec.mapRoles().isEmpty()) {
        data.put("mapRoles", YAML.writeValueAsString(spec.mapRoles()));
      }
      if (spec.mapUsers() != null && !spec.mapUsers().isEmpty()) {
        data.put("mapUsers", YAML.writeValueAsString(spec.mapUsers()));
      }
      if (spec.mapAccounts() != null && !spec.mapAccounts().isEmpty()) {
        data.put("mapAccounts", YAML.writeValueAsString(spec.mapAccounts()));
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write aws-auth " + spec, e);
    }
    return cm;
  }

  /** The Argo CD cluster secret registering a cluster, as the deployer would write it. */
  public static ObjectNode clusterSecret(World world, Cluster c) {
    ObjectNode secret = JSON.createObjectNode();
    ObjectNode meta = secret.with("metadata");
    meta.put("name", "cluster-" + c.name).put("namespace", "argocd");
    ObjectNode labels = meta.with("labels");
    labels.put(ArgoCdController.SECRET_TYPE_LABEL, "cluster");
    labels.put("bluegreen.dev/cluster", c.name);
    if (c.team != null) {
      labels.put("bluegreen.dev/team", c.team);
    }
    ObjectNode data = secret.with("data");
    data.put("name", b64(c.name));
    data.put("server", b64(world.kubernetesUrl(c.name)));
    data.put("config", b64("{\"tlsClientConfig\":{\"insecure\":true}}"));
    secret.put("type", "Opaque");
    return secret;
  }

  private static ObjectNode applicationSet(String team, Fleet.App app) {
    ObjectNode set = JSON.createObjectNode();
    set.with("metadata").put("name", team + "-" + app.name()).put("namespace", "argocd");
    ObjectNode spec = set.with("spec");
    spec.putArray("generators")
        .addObject()
        .with("clusters")
        .with("selector")
        .with("matchLabels")
        .put("bluegreen.dev/team", team);
    ObjectNode template = spec.with("template");
    ObjectNode meta = template.with("metadata");
    meta.put("name", "{{name}}-" + app.name());
    meta.with("labels").put("app.kubernetes.io/name", app.name()).put("bluegreen.dev/team", team);
    List<Fleet.CronJobSpec> cronJobs = app.cronJobs() == null ? List.of() : app.cronJobs();
    if (!cronJobs.isEmpty()) {
      meta.with("annotations")
          .put(
              CRONJOBS_ANNOTATION,
              cronJobs.stream()
                  .map(c -> c.name() + "=" + c.schedule())
                  .collect(Collectors.joining(";")));
    }
    ObjectNode tspec = template.with("spec");
    tspec.put("project", team);
    tspec
        .with("source")
        .put("repoURL", "https://git.example.com/" + team + "/deploy.git")
        .put("path", "apps/" + app.name())
        .put("targetRevision", "main");
    tspec.with("destination").put("server", "{{server}}").put("namespace", team);
    tspec.with("syncPolicy").with("automated").put("prune", true).put("selfHeal", true);
    return set;
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
