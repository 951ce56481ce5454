package dev.bluegreen.cloudsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.cloudsim.core.Fleet;
import dev.bluegreen.cloudsim.core.JournalEntry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.eks.EksClient;

/**
 * EC2 security groups and their ingress rules through the AWS SDK v2 Ec2Client, and the reach of
 * shared endpoints that follows from them.
 */
class SecurityGroupsApiIT {
  private static final String FLEET =
      """
      clusters:
      - name: orders-blue
        version: "1.31"
        subnets:
        - {id: subnet-orders-a, az: us-east-1a, freeIps: 4000}
        - {id: subnet-orders-b, az: us-east-1b, freeIps: 4000}
      - name: orders-green
        version: "1.32"
        subnets:
        - {id: subnet-orders-a, az: us-east-1a, freeIps: 4000}
        - {id: subnet-orders-b, az: us-east-1b, freeIps: 4000}
      securityGroups:
      - id: sg-orders-db
        name: orders-db
        vpcId: vpc-orders-blue
        tags: {team: payments}
        ingress:
        - {port: 5432, fromCluster: orders-blue, description: orders app}
        - {port: 443, cidr: 10.0.0.0/8}
        endpoints:
        - {host: orders-db.example.internal, port: 5432}
      """;

  private static CloudSim sim;
  private static Ec2Client ec2;

  @BeforeAll
  static void start() throws Exception {
    Fleet fleet = Fleet.read(new ByteArrayInputStream(FLEET.getBytes(StandardCharsets.UTF_8)));
    sim = CloudSim.start(CloudSimConfig.instant().withFleet(fleet));
    ec2 = SimClients.ec2(sim);
  }

  @AfterAll
  static void stop() {
    ec2.close();
    sim.close();
  }

  private static String sgOf(String cluster) {
    EksClient eks = SimClients.eks(sim);
    try {
      return eks.describeCluster(r -> r.name(cluster))
          .cluster()
          .resourcesVpcConfig()
          .clusterSecurityGroupId();
    } finally {
      eks.close();
    }
  }

  @Test
  void describeSecurityGroups_findsTheGroupsWhoseIngressReferencesAClustersGroup() {
    String blueSg = sgOf("orders-blue");

    List<SecurityGroup> groups =
        ec2.describeSecurityGroups(
                r -> r.filters(f -> f.name("ip-permission.group-id").values(blueSg)))
            .securityGroups();

    assertEquals(List.of("sg-orders-db"), groups.stream().map(SecurityGroup::groupId).toList());
    SecurityGroup db = groups.get(0);
    assertEquals("orders-db", db.groupName());
    assertEquals(Map.of("team", "payments"), tags(db.tags()));
    assertEquals(blueSg, db.ipPermissions().get(0).userIdGroupPairs().get(0).groupId());
    assertEquals(5432, db.ipPermissions().get(0).fromPort());
    // The cluster's own group exists too, tagged by EKS.
    SecurityGroup own = ec2.describeSecurityGroups(r -> r.groupIds(blueSg)).securityGroups().get(0);
    assertEquals("orders-blue", tags(own.tags()).get("aws:eks:cluster-name"));
  }

  @Test
  void describeSecurityGroupRules_byGroup_carriesReferencedGroupAndCidr() {
    List<SecurityGroupRule> rules =
        ec2.describeSecurityGroupRules(
                r -> r.filters(f -> f.name("group-id").values("sg-orders-db")))
            .securityGroupRules();

    assertEquals(2, rules.size());
    assertEquals(sgOf("orders-blue"), rules.get(0).referencedGroupInfo().groupId());
    assertEquals("tcp", rules.get(0).ipProtocol());
    assertEquals(5432, rules.get(0).toPort());
    assertEquals(false, rules.get(0).isEgress());
    assertEquals("10.0.0.0/8", rules.get(1).cidrIpv4());
    assertThrows(
        Ec2Exception.class,
        () -> ec2.describeSecurityGroupRules(r -> r.securityGroupRuleIds("sgr-nope")));
  }

  @Test
  void authorizeWithTags_thenRevoke_changesWhoReachesTheSharedEndpoint() {
    String greenSg = sgOf("orders-green");
    assertTrue(sim.connectFailure("orders-green", "orders-db.example.internal", 5432).isPresent());
    assertEquals(
        Optional.empty(), sim.connectFailure("orders-blue", "orders-db.example.internal", 5432));

    List<SecurityGroupRule> made =
        ec2.authorizeSecurityGroupIngress(
                r ->
                    r.groupId("sg-orders-db")
                        .ipPermissions(
                            p ->
                                p.ipProtocol("tcp")
                                    .fromPort(5432)
                                    .toPort(5432)
                                    .userIdGroupPairs(g -> g.groupId(greenSg).description("green")))
                        .tagSpecifications(
                            t ->
                                t.resourceType(ResourceType.SECURITY_GROUP_RULE)
                                    .tags(
                                        Tag.builder()
                                            .key("bluegreen.dev/cluster")
                                            .value("orders-green")
                                            .build(),
                                        Tag.builder()
                                            .key("bluegreen.dev/mirrors")
                                            .value("sgr-x")
                                            .build())))
            .securityGroupRules();

    assertEquals(1, made.size());
    assertEquals(greenSg, made.get(0).referencedGroupInfo().groupId());
    assertEquals(
        Map.of("bluegreen.dev/cluster", "orders-green", "bluegreen.dev/mirrors", "sgr-x"),
        tags(made.get(0).tags()));
    assertEquals(
        List.of(made.get(0).securityGroupRuleId()),
        ec2
            .describeSecurityGroupRules(
                r -> r.filters(f -> f.name("tag:bluegreen.dev/cluster").values("orders-green")))
            .securityGroupRules()
            .stream()
            .map(SecurityGroupRule::securityGroupRuleId)
            .toList());
    assertEquals(
        Optional.empty(), sim.connectFailure("orders-green", "orders-db.example.internal", 5432));

    // The same permission again is EC2's duplicate, whatever its tags.
    Ec2Exception duplicate =
        assertThrows(
            Ec2Exception.class,
            () ->
                ec2.authorizeSecurityGroupIngress(
                    r ->
                        r.groupId("sg-orders-db")
                            .ipPermissions(
                                p ->
                                    p.ipProtocol("tcp")
                                        .fromPort(5432)
                                        .toPort(5432)
                                        .userIdGroupPairs(g -> g.groupId(greenSg)))));
    assertEquals("InvalidPermission.Duplicate", duplicate.awsErrorDetails().errorCode());

    ec2.revokeSecurityGroupIngress(
        r -> r.groupId("sg-orders-db").securityGroupRuleIds(made.get(0).securityGroupRuleId()));
    assertTrue(sim.connectFailure("orders-green", "orders-db.example.internal", 5432).isPresent());
    Ec2Exception gone =
        assertThrows(
            Ec2Exception.class,
            () ->
                ec2.revokeSecurityGroupIngress(
                    r ->
                        r.groupId("sg-orders-db")
                            .securityGroupRuleIds(made.get(0).securityGroupRuleId())));
    assertEquals("InvalidSecurityGroupRuleId.NotFound", gone.awsErrorDetails().errorCode());
    List<String> ops =
        sim.journal().entries().stream()
            .filter(e -> e.service().equals("ec2"))
            .map(JournalEntry::operation)
            .distinct()
            .toList();
    assertTrue(
        ops.containsAll(List.of("AuthorizeSecurityGroupIngress", "RevokeSecurityGroupIngress")),
        ops.toString());
  }

  @Test
  void deletingAClusterWhoseGroupIsStillReferenced_leavesTheGroup_andJournalsAViolation() {
    EksClient eks = SimClients.eks(sim);
    try {
      eks.createCluster(
          r ->
              r.name("referenced")
                  .roleArn("arn:aws:iam::000000000000:role/eks")
                  .resourcesVpcConfig(v -> v.subnetIds("subnet-orders-a", "subnet-orders-b")));
      String sg = sgOf("referenced");
      List<String> rules =
          sim.declareSharedResource(
              "sg-cache", Map.of(), "cache.example.internal", 6379, List.of("referenced"));
      assertEquals(1, rules.size());

      eks.deleteCluster(r -> r.name("referenced"));

      assertEquals(Optional.empty(), sim.clusterStatus("referenced"));
      assertEquals(
          List.of(sg),
          ec2.describeSecurityGroups(r -> r.groupIds(sg)).securityGroups().stream()
              .map(SecurityGroup::groupId)
              .toList());
      assertTrue(
          sim.journal().violations().stream()
              .anyMatch(
                  e -> e.operation().equals("DeleteSecurityGroup") && e.resource().equals(sg)),
          () -> sim.journal().violations().toString());
    } finally {
      eks.close();
    }
  }

  private static Map<String, String> tags(List<Tag> tags) {
    return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
  }
}
