package dev.bluegreen.cloudsim.eks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bluegreen.cloudsim.core.AccessEntry;
import dev.bluegreen.cloudsim.core.AccessPolicyAssociation;
import dev.bluegreen.cloudsim.core.Addon;
import dev.bluegreen.cloudsim.core.Catalog;
import dev.bluegreen.cloudsim.core.Cluster;
import dev.bluegreen.cloudsim.core.ClusterConfig;
import dev.bluegreen.cloudsim.core.DeprecatedApi;
import dev.bluegreen.cloudsim.core.EksAccessPolicies;
import dev.bluegreen.cloudsim.core.EksClusters;
import dev.bluegreen.cloudsim.core.EksControlPlane;
import dev.bluegreen.cloudsim.core.EksInsights.Insight;
import dev.bluegreen.cloudsim.core.EksNodegroups;
import dev.bluegreen.cloudsim.core.EksUpdates;
import dev.bluegreen.cloudsim.core.NodeGroup;
import dev.bluegreen.cloudsim.core.SimError;
import dev.bluegreen.cloudsim.core.Update;
import dev.bluegreen.cloudsim.core.UpdateConfig;
import dev.bluegreen.cloudsim.core.World;
import dev.bluegreen.cloudsim.http.CallGuard;
import dev.bluegreen.cloudsim.http.SimRequest;
import dev.bluegreen.cloudsim.http.SimResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EKS over the restJson1 protocol, as the AWS SDK v2 {@code EksClient} sends it: the operation is
 * identified by HTTP method and path, bodies and responses are JSON with epoch-second timestamps,
 * errors carry the exception name in {@code x-amzn-ErrorType}. SigV4 headers are accepted and not
 * checked.
 */
public final class EksApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FAKE_CA =
      Base64.getEncoder()
          .encodeToString(
              "-----BEGIN CERTIFICATE-----\nsimulated\n-----END CERTIFICATE-----\n"
                  .getBytes(StandardCharsets.UTF_8));

  private final World world;
  private final CallGuard guard;

  public EksApi(World world, CallGuard guard) {
    this.world = world;
    this.guard = guard;
  }

  public SimResponse handle(SimRequest req) {
    String operation = "Unknown";
    try {
      List<String> s = req.segments();
      String m = req.method();
      JsonNode body = parseBody(req);
      operation = operation(m, s);
      String resource = s.size() > 1 ? s.get(1) : null;
      guard.before("eks", operation, resource);
      String op = operation;
      ObjectNode out = world.locked(w -> dispatch(op, s, req, body));
      return SimResponse.json(200, out.toString());
    } catch (SimError e) {
      return error(e);
    }
  }

  private static String operation(String m, List<String> s) {
    int n = s.size();
    if (n == 1 && s.get(0).equals("cluster-versions") && m.equals("GET")) {
      return "DescribeClusterVersions";
    }
    if (n == 2
        && s.get(0).equals("addons")
        && s.get(1).equals("supported-versions")
        && m.equals("GET")) {
      return "DescribeAddonVersions";
    }
    if (n == 0 || !s.get(0).equals("clusters")) {
      throw SimError.explicit(
          "UnknownOperationException", 404, "Unknown operation " + m + " /" + String.join("/", s));
    }
    String key =
        m
            + " "
            + switch (n) {
              case 1 -> "clusters";
              case 2 -> "clusters/{name}";
              case 3 -> "clusters/{name}/" + s.get(2);
              case 4 -> "clusters/{name}/" + s.get(2) + "/{id}";
              case 5 -> "clusters/{name}/" + s.get(2) + "/{id}/" + s.get(4);
              default -> "?";
            };
    return switch (key) {
      case "POST clusters" -> "CreateCluster";
      case "GET clusters" -> "ListClusters";
      case "GET clusters/{name}" -> "DescribeCluster";
      case "DELETE clusters/{name}" -> "DeleteCluster";
      case "POST clusters/{name}/node-groups" -> "CreateNodegroup";
      case "GET clusters/{name}/node-groups" -> "ListNodegroups";
      case "GET clusters/{name}/node-groups/{id}" -> "DescribeNodegroup";
      case "DELETE clusters/{name}/node-groups/{id}" -> "DeleteNodegroup";
      case "POST clusters/{name}/node-groups/{id}/update-config" -> "UpdateNodegroupConfig";
      case "GET clusters/{name}/updates/{id}" -> "DescribeUpdate";
      case "POST clusters/{name}/addons" -> "CreateAddon";
      case "GET clusters/{name}/addons" -> "ListAddons";
      case "GET clusters/{name}/addons/{id}" -> "DescribeAddon";
      case "DELETE clusters/{name}/addons/{id}" -> "DeleteAddon";
      case "POST clusters/{name}/access-entries" -> "CreateAccessEntry";
      case "GET clusters/{name}/access-entries" -> "ListAccessEntries";
      case "GET clusters/{name}/access-entries/{id}" -> "DescribeAccessEntry";
      case "DELETE clusters/{name}/access-entries/{id}" -> "DeleteAccessEntry";
      case "POST clusters/{name}/access-entries/{id}/access-policies" -> "AssociateAccessPolicy";
      case "GET clusters/{name}/access-entries/{id}/access-policies" ->
          "ListAssociatedAccessPolicies";
      case "POST clusters/{name}/insights" -> "ListInsights";
      case "GET clusters/{name}/insights/{id}" -> "DescribeInsight";
      default ->
          throw SimError.explicit("UnknownOperationException", 404, "Unknown operation " + key);
    };
  }

  private ObjectNode dispatch(String op, List<String> s, SimRequest req, JsonNode b) {
    EksControlPlane eks = world.eks();
    String name = s.size() > 1 ? s.get(1) : null;
    String id = s.size() > 3 ? s.get(3) : null;
    ObjectNode out = JSON.createObjectNode();
    switch (op) {
      case "DescribeClusterVersions" -> clusterVersions(req, out);
      case "CreateCluster" -> {
        JsonNode vpc = b.path("resourcesVpcConfig");
        Cluster c =
            eks.clusters()
                .create(
                    new EksClusters.ClusterSpec(
                        text(b, "name"),
                        text(b, "version"),
                        text(b, "roleArn"),
                        strings(vpc.path("subnetIds")),
                        strings(vpc.path("securityGroupIds")),
                        map(b.path("tags")),
                        null,
                        clusterConfig(b)),
                    text(b, "clientRequestToken"));
        out.set("cluster", cluster(c));
      }
      case "ListClusters" ->
          paginate(
              out, "clusters", eks.clusters().list().stream().map(c -> c.name).toList(), req, 100);
      case "DescribeCluster" -> out.set("cluster", cluster(eks.clusters().describe(name)));
      case "DeleteCluster" -> out.set("cluster", cluster(eks.clusters().delete(name)));
      case "CreateNodegroup" -> {
        JsonNode sc = b.path("scalingConfig");
        NodeGroup ng =
            eks.nodegroups()
                .create(
                    name,
                    new EksNodegroups.NodegroupSpec(
                        text(b, "nodegroupName"),
                        strings(b.path("instanceTypes")),
                        b.has("subnets") ? strings(b.path("subnets")) : null,
                        integer(sc, "minSize"),
                        integer(sc, "maxSize"),
                        integer(sc, "desiredSize"),
                        map(b.path("labels")),
                        taints(b.path("taints")),
                        text(b, "nodeRole"),
                        text(b, "amiType"),
                        text(b, "capacityType"),
                        integer(b, "diskSize"),
                        text(b, "version"),
                        text(b, "releaseVersion"),
                        map(b.path("tags")),
                        updateConfig(b.path("updateConfig")),
                        b.has("launchTemplate")
                            ? new EksNodegroups.LaunchTemplateRef(
                                text(b.path("launchTemplate"), "id"),
                                text(b.path("launchTemplate"), "name"),
                                text(b.path("launchTemplate"), "version"))
                            : null),
                    text(b, "clientRequestToken"));
        out.set("nodegroup", nodegroup(ng));
      }
      case "ListNodegroups" -> paginate(out, "nodegroups", eks.nodegroups().list(name), req, 100);
      case "DescribeNodegroup" ->
          out.set("nodegroup", nodegroup(eks.nodegroups().describe(name, id)));
      case "DeleteNodegroup" -> out.set("nodegroup", nodegroup(eks.nodegroups().delete(name, id)));
      case "UpdateNodegroupConfig" -> {
        JsonNode sc = b.path("scalingConfig");
        Update u =
            eks.updates()
                .updateNodegroupConfig(
                    name,
                    id,
                    new EksUpdates.NodegroupConfigChange(
                        integer(sc, "minSize"),
                        integer(sc, "maxSize"),
                        integer(sc, "desiredSize"),
                        map(b.path("labels").path("addOrUpdateLabels")),
                        strings(b.path("labels").path("removeLabels")),
                        taints(b.path("taints").path("addOrUpdateTaints")),
                        taints(b.path("taints").path("removeTaints")),
                        updateConfig(b.path("updateConfig"))),
                    text(b, "clientRequestToken"));
        out.set("update", update(u));
      }
      case "DescribeUpdate" -> out.set("update", update(eks.updates().describe(name, id)));
      case "CreateAddon" -> {
        Addon a =
            eks.addons()
                .create(
                    name,
                    text(b, "addonName"),
                    text(b, "addonVersion"),
                    text(b, "serviceAccountRoleArn"),
                    text(b, "configurationValues"),
                    map(b.path("tags")),
                    text(b, "clientRequestToken"));
        out.set("addon", addon(a));
      }
      case "ListAddons" -> paginate(out, "addons", eks.addons().list(name), req, 100);
      case "DescribeAddon" -> out.set("addon", addon(eks.addons().describe(name, id)));
      case "DeleteAddon" -> out.set("addon", addon(eks.addons().delete(name, id)));
      case "DescribeAddonVersions" -> addonVersions(req, out);
      case "CreateAccessEntry" -> {
        AccessEntry e =
            eks.accessEntries()
                .create(
                    name,
                    text(b, "principalArn"),
                    strings(b.path("kubernetesGroups")),
                    text(b, "username"),
                    text(b, "type"),
                    map(b.path("tags")),
                    text(b, "clientRequestToken"));
        out.set("accessEntry", accessEntry(e));
      }
      case "ListAccessEntries" ->
          paginate(out, "accessEntries", eks.accessEntries().list(name), req, 100);
      case "DescribeAccessEntry" ->
          out.set("accessEntry", accessEntry(eks.accessEntries().describe(name, id)));
      case "DeleteAccessEntry" -> eks.accessEntries().delete(name, id);
      case "AssociateAccessPolicy" -> {
        JsonNode scope = b.path("accessScope");
        AccessPolicyAssociation a =
            eks.accessPolicies()
                .associate(
                    name,
                    id,
                    text(b, "policyArn"),
                    scope.isObject()
                        ? new EksAccessPolicies.AccessScope(
                            text(scope, "type"),
                            scope.has("namespaces") ? strings(scope.path("namespaces")) : null)
                        : null);
        out.put("clusterName", name).put("principalArn", id);
        out.set("associatedAccessPolicy", associatedAccessPolicy(a));
      }
      case "ListAssociatedAccessPolicies" -> {
        List<AccessPolicyAssociation> all = eks.accessPolicies().list(name, id);
        out.put("clusterName", name).put("principalArn", id);
        ArrayNode list = out.putArray("associatedAccessPolicies");
        page(all, req, out, 100).forEach(a -> list.add(associatedAccessPolicy(a)));
      }
      case "ListInsights" -> {
        ArrayNode list = out.putArray("insights");
        for (Insight i : eks.insights().list(name)) {
          ObjectNode n = insightSummary(i);
          list.add(n);
        }
      }
      case "DescribeInsight" -> {
        Insight i = eks.insights().describe(name, id);
        ObjectNode n = insightSummary(i);
        n.put("recommendation", i.recommendation());
        n.putObject("additionalInfo")
            .put(
                "EKS update cluster documentation",
                "https://docs.aws.amazon.com/eks/latest/userguide/update-cluster.html");
        n.putArray("resources");
        ArrayNode details = n.putObject("categorySpecificSummary").putArray("deprecationDetails");
        for (DeprecatedApi api : i.deprecations()) {
          ObjectNode d = details.addObject();
          d.put("usage", api.usage()).put("replacedWith", api.replacedWith());
          d.put("stopServingVersion", api.stopServingVersion())
              .put("startServingReplacementVersion", api.stopServingVersion());
          ArrayNode stats = d.putArray("clientStats");
          if (api.userAgent() != null) {
            stats
                .addObject()
                .put("userAgent", api.userAgent())
                .put(
                    "numberOfRequestsLast30Days",
                    api.requestsLast30Days() == null ? 0 : api.requestsLast30Days())
                .put("lastRequestTime", epoch(world.now().minusSeconds(3600)));
          }
        }
        out.set("insight", n);
      }
      default ->
          throw SimError.explicit("UnknownOperationException", 404, "Unknown operation " + op);
    }
    return out;
  }

  // ---------------------------------------------------------------- shapes

  private void clusterVersions(SimRequest req, ObjectNode out) {
    Instant now = world.now();
    List<String> wanted = new ArrayList<>();
    req.query()
        .getOrDefault("clusterVersions", List.of())
        .forEach(v -> wanted.addAll(List.of(v.split(","))));
    String status =
        req.queryParam("versionStatus") != null
            ? req.queryParam("versionStatus")
            : req.queryParam("status");
    boolean defaultOnly = "true".equals(req.queryParam("defaultOnly"));
    boolean includeAll = "true".equals(req.queryParam("includeAll"));
    ArrayNode list = out.putArray("clusterVersions");
    for (Catalog.VersionInfo v : world.catalog().versions()) {
      String st = v.status(now);
      if (!wanted.isEmpty() && !wanted.contains(v.version())) {
        continue;
      }
      if (status != null && !status.equals(st)) {
        continue;
      }
      if (defaultOnly && !v.isDefault()) {
        continue;
      }
      if (!includeAll && wanted.isEmpty() && st.equals("UNSUPPORTED")) {
        continue;
      }
      ObjectNode n = list.addObject();
      n.put("clusterVersion", v.version()).put("clusterType", "eks");
      n.put("defaultPlatformVersion", v.platformVersion()).put("defaultVersion", v.isDefault());
      n.put("releaseDate", epoch(v.releaseDate().atStartOfDay().toInstant(ZoneOffset.UTC)));
      n.put(
          "endOfStandardSupportDate",
          epoch(v.endOfStandardSupport().atStartOfDay().toInstant(ZoneOffset.UTC)));
      n.put(
          "endOfExtendedSupportDate",
          epoch(v.endOfExtendedSupport().atStartOfDay().toInstant(ZoneOffset.UTC)));
      n.put("status", st).put("versionStatus", st);
      n.put("kubernetesPatchVersion", v.kubernetesPatchVersion());
    }
  }

  private void addonVersions(SimRequest req, ObjectNode out) {
    ArrayNode list = out.putArray("addons");
    for (Catalog.AddonInfo info :
        world
            .eks()
            .addons()
            .versions(req.queryParam("kubernetesVersion"), req.queryParam("addonName"))) {
      ObjectNode n = list.addObject();
      n.put("addonName", info.name())
          .put("type", info.type())
          .put("owner", "aws")
          .put("publisher", "eks");
      ArrayNode versions = n.putArray("addonVersions");
      for (Catalog.AddonVersion v : info.versions()) {
        ObjectNode vn = versions.addObject();
        vn.put("addonVersion", v.version());
        vn.putArray("architecture").add("amd64").add("arm64");
        vn.put("requiresConfiguration", false).put("requiresIamPermissions", false);
        ArrayNode compat = vn.putArray("compatibilities");
        for (String k : v.kubernetesVersions()) {
          ObjectNode cn = compat.addObject();
          cn.put("clusterVersion", k).put("defaultVersion", v.isDefault());
          cn.putArray("platformVersions").add("*");
        }
      }
    }
  }

  private ObjectNode cluster(Cluster c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("name", c.name).put("arn", c.arn).put("createdAt", epoch(c.createdAt));
    n.put("version", c.version).put("endpoint", world.kubernetesUrl(c.name));
    n.put("roleArn", c.roleArn)
        .put("status", c.status.name())
        .put("platformVersion", c.platformVersion);
    ObjectNode vpc = n.putObject("resourcesVpcConfig");
    vpc.set("subnetIds", JSON.valueToTree(c.subnetIds));
    vpc.set("securityGroupIds", JSON.valueToTree(c.securityGroupIds));
    vpc.put("clusterSecurityGroupId", c.clusterSecurityGroupId).put("vpcId", c.vpcId);
    vpc.put("endpointPublicAccess", c.endpointPublicAccess)
        .put("endpointPrivateAccess", c.endpointPrivateAccess);
    vpc.set("publicAccessCidrs", JSON.valueToTree(c.publicAccessCidrs));
    ObjectNode net = n.putObject("kubernetesNetworkConfig").put("ipFamily", c.ipFamily);
    if (c.ipFamily.equals("ipv6")) {
      // EKS assigns IPv6 clusters a unique local /108 of its own choosing.
      String hex =
          java.util
              .UUID
              .nameUUIDFromBytes(c.name.getBytes(StandardCharsets.UTF_8))
              .toString()
              .replace("-", "");
      net.put("serviceIpv6Cidr", "fd" + hex.substring(0, 2) + ":" + hex.substring(2, 6) + "::/108");
    } else {
      net.put("serviceIpv4Cidr", c.serviceIpv4Cidr);
    }
    // Real EKS lists every log type, in an enabled and a disabled group.
    ArrayNode logging = n.putObject("logging").putArray("clusterLogging");
    List<String> disabled =
        new ArrayList<>(List.of("api", "audit", "authenticator", "controllerManager", "scheduler"));
    disabled.removeAll(c.enabledLogTypes);
    if (!c.enabledLogTypes.isEmpty()) {
      ObjectNode on = logging.addObject();
      on.set("types", JSON.valueToTree(c.enabledLogTypes));
      on.put("enabled", true);
    }
    if (!disabled.isEmpty()) {
      ObjectNode off = logging.addObject();
      off.set("types", JSON.valueToTree(disabled));
      off.put("enabled", false);
    }
    if (!c.encryption.isEmpty()) {
      ArrayNode enc = n.putArray("encryptionConfig");
      for (ClusterConfig.Encryption e : c.encryption) {
        ObjectNode en = enc.addObject();
        en.set("resources", JSON.valueToTree(e.resources()));
        en.putObject("provider").put("keyArn", e.keyArn());
      }
    }
    n.putObject("certificateAuthority").put("data", FAKE_CA);
    n.putObject("identity")
        .putObject("oidc")
        .put(
            "issuer",
            "https://oidc.eks."
                + world.region()
                + ".amazonaws.com/id/"
                + c.clusterSecurityGroupId.substring(3).toUpperCase());
    n.putObject("accessConfig").put("authenticationMode", c.authenticationMode);
    n.putObject("upgradePolicy").put("supportType", "EXTENDED");
    if (c.clientRequestToken != null) {
      n.put("clientRequestToken", c.clientRequestToken);
    }
    n.set("tags", JSON.valueToTree(c.tags));
    n.putObject("health").putArray("issues");
    return n;
  }

  private ObjectNode nodegroup(NodeGroup ng) {
    ObjectNode n = JSON.createObjectNode();
    n.put("nodegroupName", ng.name).put("nodegroupArn", ng.arn).put("clusterName", ng.clusterName);
    n.put("version", ng.version).put("releaseVersion", ng.releaseVersion);
    n.put("createdAt", epoch(ng.createdAt)).put("modifiedAt", epoch(ng.modifiedAt));
    n.put("status", ng.status.name())
        .put("capacityType", ng.capacityType)
        .put("amiType", ng.amiType);
    n.putObject("scalingConfig")
        .put("minSize", ng.minSize)
        .put("maxSize", ng.maxSize)
        .put("desiredSize", ng.desiredSize);
    n.set("instanceTypes", JSON.valueToTree(ng.instanceTypes));
    n.set("subnets", JSON.valueToTree(ng.subnets));
    n.put("nodeRole", ng.nodeRole);
    n.set("labels", JSON.valueToTree(ng.labels));
    ArrayNode taints = n.putArray("taints");
    for (NodeGroup.Taint t : ng.taints) {
      ObjectNode tn = taints.addObject().put("key", t.key()).put("effect", t.effect());
      if (t.value() != null) {
        tn.put("value", t.value());
      }
    }
    if (ng.diskSize != null) {
      n.put("diskSize", ng.diskSize);
    }
    if (ng.launchTemplateId != null) {
      n.putObject("launchTemplate")
          .put("id", ng.launchTemplateId)
          .put("name", ng.launchTemplateName)
          .put("version", ng.launchTemplateVersion);
    }
    n.putObject("resources")
        .putArray("autoScalingGroups")
        .addObject()
        .put("name", "eks-" + ng.name + "-" + ng.arn.substring(ng.arn.lastIndexOf('/') + 1));
    ArrayNode issues = n.putObject("health").putArray("issues");
    for (NodeGroup.HealthIssue h : ng.healthIssues) {
      issues.addObject().put("code", h.code()).put("message", h.message()).putArray("resourceIds");
    }
    ObjectNode update = n.putObject("updateConfig");
    if (ng.maxUnavailable != null) {
      update.put("maxUnavailable", ng.maxUnavailable);
    }
    if (ng.maxUnavailablePercentage != null) {
      update.put("maxUnavailablePercentage", ng.maxUnavailablePercentage);
    }
    if (ng.updateStrategy != null) {
      update.put("updateStrategy", ng.updateStrategy);
    }
    n.set("tags", JSON.valueToTree(ng.tags));
    return n;
  }

  private ObjectNode addon(Addon a) {
    ObjectNode n = JSON.createObjectNode();
    n.put("addonName", a.name).put("clusterName", a.clusterName).put("status", a.status.name());
    n.put("addonVersion", a.version).put("addonArn", a.arn);
    n.put("createdAt", epoch(a.createdAt)).put("modifiedAt", epoch(a.modifiedAt));
    if (a.serviceAccountRoleArn != null) {
      n.put("serviceAccountRoleArn", a.serviceAccountRoleArn);
    }
    if (a.configurationValues != null) {
      n.put("configurationValues", a.configurationValues);
    }
    n.putObject("health").putArray("issues");
    n.set("tags", JSON.valueToTree(a.tags));
    return n;
  }

  private static ObjectNode accessEntry(AccessEntry e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("clusterName", e.clusterName)
        .put("principalArn", e.principalArn)
        .put("accessEntryArn", e.arn);
    n.set("kubernetesGroups", JSON.valueToTree(e.kubernetesGroups));
    n.put("username", e.username).put("type", e.type);
    n.put("createdAt", epoch(e.createdAt)).put("modifiedAt", epoch(e.modifiedAt));
    n.set("tags", JSON.valueToTree(e.tags));
    return n;
  }

  private static ObjectNode associatedAccessPolicy(AccessPolicyAssociation a) {
    ObjectNode n = JSON.createObjectNode();
    n.put("policyArn", a.policyArn());
    ObjectNode scope = n.putObject("accessScope").put("type", a.scopeType());
    scope.set("namespaces", JSON.valueToTree(a.namespaces()));
    n.put("associatedAt", epoch(a.associatedAt())).put("modifiedAt", epoch(a.modifiedAt()));
    return n;
  }

  private static ObjectNode update(Update u) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", u.id)
        .put("status", u.status)
        .put("type", u.type)
        .put("createdAt", epoch(u.createdAt));
    ArrayNode params = n.putArray("params");
    u.params.forEach((k, v) -> params.addObject().put("type", k).put("value", v));
    n.putArray("errors");
    return n;
  }

  private ObjectNode insightSummary(Insight i) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", i.id()).put("name", i.name()).put("category", "UPGRADE_READINESS");
    n.put("kubernetesVersion", i.kubernetesVersion()).put("description", i.description());
    n.put("lastRefreshTime", epoch(world.now())).put("lastTransitionTime", epoch(world.now()));
    n.putObject("insightStatus").put("status", i.status()).put("reason", i.reason());
    return n;
  }

  // ---------------------------------------------------------------- helpers

  /** Pages a list the way EKS does: maxResults, and nextToken as an opaque offset. */
  private static void paginate(
      ObjectNode out, String field, List<String> all, SimRequest req, int defaultMax) {
    out.set(field, JSON.valueToTree(page(all, req, out, defaultMax)));
  }

  /** One page of {@code all} (maxResults 1-100); sets nextToken when more follow. */
  private static <T> List<T> page(List<T> all, SimRequest req, ObjectNode out, int defaultMax) {
    int max =
        req.queryParam("maxResults") == null
            ? defaultMax
            : parseInt(req.queryParam("maxResults"), "maxResults");
    if (max < 1 || max > 100) {
      throw SimError.invalid("maxResults must be between 1 and 100");
    }
    int from = 0;
    String token = req.queryParam("nextToken");
    if (token != null) {
      try {
        from =
            Integer.parseInt(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw SimError.invalid("The nextToken is not valid");
      }
    }
    int to = Math.min(all.size(), from + max);
    if (to < all.size()) {
      out.put(
          "nextToken",
          Base64.getEncoder().encodeToString(String.valueOf(to).getBytes(StandardCharsets.UTF_8)));
    }
    return all.subList(Math.min(from, to), to);
  }

  private static int parseInt(String s, String field) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw SimError.invalid(field + " must be a number");
    }
  }

  private static JsonNode parseBody(SimRequest req) {
    if (req.body().length == 0) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode n = JSON.readTree(req.body());
      if (n == null || !n.isObject()) {
        throw SimError.explicit(
            "BadRequestException", 400, "The request body must be a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw SimError.explicit(
          "BadRequestException",
          400,
          "Could not parse request body into json: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw SimError.explicit("BadRequestException", 400, "Unreadable request body");
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Integer integer(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.canConvertToInt()) {
      throw SimError.invalid(field + " must be an integer");
    }
    return v.asInt();
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static Map<String, String> map(JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    n.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asText()));
    return out;
  }

  /** CreateCluster's control-plane configuration; absent members are left to EKS's defaults. */
  private static ClusterConfig clusterConfig(JsonNode b) {
    JsonNode vpc = b.path("resourcesVpcConfig");
    List<String> logTypes = new ArrayList<>();
    for (JsonNode setup : b.path("logging").path("clusterLogging")) {
      if (setup.path("enabled").asBoolean(false)) {
        logTypes.addAll(strings(setup.path("types")));
      }
    }
    List<ClusterConfig.Encryption> encryption = new ArrayList<>();
    for (JsonNode e : b.path("encryptionConfig")) {
      encryption.add(
          new ClusterConfig.Encryption(
              text(e.path("provider"), "keyArn"), strings(e.path("resources"))));
    }
    JsonNode net = b.path("kubernetesNetworkConfig");
    return new ClusterConfig(
        bool(vpc, "endpointPublicAccess"),
        bool(vpc, "endpointPrivateAccess"),
        vpc.has("publicAccessCidrs") ? strings(vpc.path("publicAccessCidrs")) : null,
        logTypes,
        encryption,
        text(net, "serviceIpv4Cidr"),
        text(net, "ipFamily"),
        text(b.path("accessConfig"), "authenticationMode"));
  }

  private static UpdateConfig updateConfig(JsonNode n) {
    if (!n.isObject()) {
      return null;
    }
    return new UpdateConfig(
        integer(n, "maxUnavailable"),
        integer(n, "maxUnavailablePercentage"),
        text(n, "updateStrategy"));
  }

  private static Boolean bool(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      throw SimError.invalid(field + " must be a boolean");
    }
    return v.asBoolean();
  }

  private static List<NodeGroup.Taint> taints(JsonNode n) {
    List<NodeGroup.Taint> out = new ArrayList<>();
    n.forEach(
        t -> out.add(new NodeGroup.Taint(text(t, "key"), text(t, "value"), text(t, "effect"))));
    return out;
  }

  private static double epoch(Instant t) {
    return t.getEpochSecond() + t.getNano() / 1e9;
  }

  /** Maps a refusal to the exception name and status the SDK turns into a typed exception. */
  static SimResponse error(SimError e) {
    String code;
    int status;
    if (e.kind() == null) {
      code = e.explicitCode();
      status = e.explicitStatus() != 0 ? e.explicitStatus() : defaultStatus(code);
    } else {
      switch (e.kind()) {
        case NOT_FOUND -> {
          code = "ResourceNotFoundException";
          status = 404;
        }
        case IN_USE, ALREADY_EXISTS, CONFLICT -> {
          code = "ResourceInUseException";
          status = 409;
        }
        case LIMIT_EXCEEDED -> {
          code = "ResourceLimitExceededException";
          status = 400;
        }
        case THROTTLED -> {
          code = "ThrottlingException";
          status = 429;
        }
        case UNSUPPORTED -> {
          code = "InvalidRequestException";
          status = 400;
        }
        default -> {
          code = "InvalidParameterException";
          status = 400;
        }
      }
    }
    ObjectNode body = JSON.createObjectNode().put("message", e.getMessage());
    return SimResponse.json(status, body.toString()).withHeader("x-amzn-ErrorType", code);
  }

  private static int defaultStatus(String code) {
    return switch (code) {
      case "ResourceNotFoundException", "NotFoundException", "UnknownOperationException" -> 404;
      case "ResourceInUseException" -> 409;
      case "ThrottlingException" -> 429;
      case "ServerException", "InternalFailure" -> 500;
      case "ServiceUnavailableException" -> 503;
      case "AccessDeniedException" -> 403;
      default -> 400;
    };
  }
}
