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
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.Nodegroup;

/**
 * EC2 launch templates through the AWS SDK v2 Ec2Client, managed node groups that use one through
 * the EksClient, and the reach of shared endpoints that follows: nodes carry their template's
 * security groups.
 */
class LaunchTemplatesApiIT {
  private static final String FLEET =
      """
      clusters:
      - name: pay-blue
        version: "1.31"
        subnets:
        - {id: subnet-pay-a, az: us-east-1a, freeIps: 4000}
        nodeGroups:
        - {name: apps, minSize: 1, maxSize: 3, desiredSize: 2, launchTemplate: pay-apps}
      - name: pay-green
        version: "1.32"
        subnets:
        - {id: subnet-pay-b, az: us-east-1b, freeIps: 4000}
      launchTemplates:
      - name: pay-apps
        instanceType: m6i.large
        securityGroupIds: [sg-pay-nodes]
        userData: IyEvYmluL2Jhc2g=
        tags: {team: payments}
      securityGroups:
      - id: sg-pay-nodes
      - id: sg-pay-db
        ingress:
        - {port: 5432, fromGroup: sg-pay-nodes}
        endpoints:
        - {host: pay-db.example.internal, port: 5432}
      """;

  private static final String DB = "pay-db.example.internal";

  private static CloudSim sim;
  private static Ec2Client ec2;
  private static EksClient eks;

  @BeforeAll
  static void start() throws Exception {
    Fleet fleet = Fleet.read(new ByteArrayInputStream(FLEET.getBytes(StandardCharsets.UTF_8)));
    sim = CloudSim.start(CloudSimConfig.instant().withFleet(fleet));
    ec2 = SimClients.ec2(sim);
    eks = SimClients.eks(sim);
  }

  @AfterAll
  static void stop() {
    ec2.close();
    eks.close();
    sim.close();
  }

  @Test
  void seededNodegroup_namesItsTemplate_andItsNodesSecurityGroupReachesTheDatabase() {
    Nodegroup apps =
        eks.describeNodegroup(r -> r.clusterName("pay-blue").nodegroupName("apps")).nodegroup();
    LaunchTemplate lt =
        ec2.describeLaunchTemplates(r -> r.launchTemplateNames("pay-apps"))
            .launchTemplates()
            .get(0);
    assertEquals(lt.launchTemplateId(), apps.launchTemplate().id());
    assertEquals("pay-apps", apps.launchTemplate().name());
    assertEquals("1", apps.launchTemplate().version());
    assertEquals(List.of(), apps.instanceTypes(), "the instance type is the template's");
    assertEquals(Map.of("team", "payments"), tags(lt.tags()));

    LaunchTemplateVersion v =
        ec2.describeLaunchTemplateVersions(
                r -> r.launchTemplateId(lt.launchTemplateId()).versions("$Default"))
            .launchTemplateVersions()
            .get(0);
    assertEquals(1L, v.versionNumber());
    assertTrue(v.defaultVersion());
    assertEquals(List.of("sg-pay-nodes"), v.launchTemplateData().securityGroupIds());
    assertEquals("m6i.large", v.launchTemplateData().instanceTypeAsString());
    assertEquals("IyEvYmluL2Jhc2g=", v.launchTemplateData().userData());
    assertEquals(null, v.launchTemplateData().imageId());

    // The database admits only the node group's security group, not the cluster's.
    assertEquals(Optional.empty(), sim.connectFailure("pay-blue", DB, 5432));
    assertTrue(sim.connectFailure("pay-green", DB, 5432).isPresent());
  }

  @Test
  void createdTemplate_isTaggedIdempotentPerToken_usableByANodegroup_andDeletable() {
    String id =
        ec2.createLaunchTemplate(
                r ->
                    r.launchTemplateName("pay-green-apps")
                        .clientToken("token-1")
                        .launchTemplateData(
                            d -> d.instanceType("m6i.large").securityGroupIds("sg-pay-nodes"))
                        .tagSpecifications(
                            t ->
                                t.resourceType(ResourceType.LAUNCH_TEMPLATE)
                                    .tags(
                                        Tag.builder()
                                            .key("bluegreen.dev/cluster")
                                            .value("pay-green")
                                            .build())))
            .launchTemplate()
            .launchTemplateId();
    // The same token again returns the same template; another token with the name is refused.
    assertEquals(
        id,
        ec2.createLaunchTemplate(
                r ->
                    r.launchTemplateName("pay-green-apps")
                        .clientToken("token-1")
                        .launchTemplateData(d -> d.instanceType("m6i.large")))
            .launchTemplate()
            .launchTemplateId());
    Ec2Exception taken =
        assertThrows(
            Ec2Exception.class,
            () ->
                ec2.createLaunchTemplate(
                    r ->
                        r.launchTemplateName("pay-green-apps")
                            .clientToken("token-2")
                            .launchTemplateData(d -> d.instanceType("m6i.large"))));
    assertEquals(
        "InvalidLaunchTemplateName.AlreadyExistsException", taken.awsErrorDetails().errorCode());
    assertEquals(
        List.of(id),
        ec2
            .describeLaunchTemplates(
                r -> r.filters(f -> f.name("tag:bluegreen.dev/cluster").values("pay-green")))
            .launchTemplates()
            .stream()
            .map(LaunchTemplate::launchTemplateId)
            .toList());
    assertEquals(
        1,
        sim.journal().entries("CreateLaunchTemplate").stream()
            .filter(e -> "created".equals(e.outcome()))
            .count());

    // A node group with diskSize and a template is refused, as EKS does; without, it is created.
    assertThrows(
        InvalidParameterException.class,
        () ->
            eks.createNodegroup(
                r ->
                    r.clusterName("pay-green")
                        .nodegroupName("apps")
                        .nodeRole("arn:aws:iam::123456789012:role/node")
                        .subnets("subnet-pay-b")
                        .diskSize(50)
                        .launchTemplate(l -> l.id(id).version("1"))));
    eks.createNodegroup(
        r ->
            r.clusterName("pay-green")
                .nodegroupName("apps")
                .nodeRole("arn:aws:iam::123456789012:role/node")
                .subnets("subnet-pay-b")
                .launchTemplate(l -> l.id(id).version("1")));
    assertEquals(
        id,
        eks.describeNodegroup(r -> r.clusterName("pay-green").nodegroupName("apps"))
            .nodegroup()
            .launchTemplate()
            .id());
    assertEquals(Optional.empty(), sim.connectFailure("pay-green", DB, 5432));

    // Deleting it while the node group uses it is allowed by EC2, and journaled as a violation.
    ec2.deleteLaunchTemplate(r -> r.launchTemplateId(id));
    List<JournalEntry> violations = sim.journal().violations();
    assertEquals(1, violations.size(), violations::toString);
    assertTrue(violations.get(0).note().contains("pay-green/apps"), violations.get(0)::note);
    Ec2Exception gone =
        assertThrows(
            Ec2Exception.class,
            () -> ec2.describeLaunchTemplates(r -> r.launchTemplateNames("pay-green-apps")));
    assertEquals("InvalidLaunchTemplateName.NotFoundException", gone.awsErrorDetails().errorCode());
    assertEquals(
        List.of(),
        ec2.describeLaunchTemplates(
                r -> r.filters(f -> f.name("launch-template-name").values("pay-green-apps")))
            .launchTemplates());
  }

  private static Map<String, String> tags(List<Tag> tags) {
    return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
  }
}
