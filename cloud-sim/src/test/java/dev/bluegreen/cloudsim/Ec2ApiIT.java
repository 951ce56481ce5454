package dev.bluegreen.cloudsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.cloudsim.core.Fleet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.NodegroupStatus;

/** EC2 DescribeSubnets driven only through the AWS SDK v2 Ec2Client. */
class Ec2ApiIT {
  private static CloudSim sim;
  private static Ec2Client ec2;

  @BeforeAll
  static void start() {
    sim = CloudSim.start(CloudSimConfig.instant().withFleet(Fleet.demo()));
    ec2 = SimClients.ec2(sim);
  }

  @AfterAll
  static void stop() {
    ec2.close();
    sim.close();
  }

  @AfterEach
  void clearFaults() {
    sim.faults().clear();
  }

  @Test
  void describeSubnets_byId_reportsTheFleetsFreeIpsAsAvailableIpAddressCount() {
    sim.declareSubnet("subnet-ec2-a", "vpc-ec2", "us-east-1a", 321);
    sim.declareSubnet("subnet-ec2-b", "vpc-ec2", "us-east-1b", 45);

    List<Subnet> subnets =
        ec2.describeSubnets(r -> r.subnetIds("subnet-ec2-a", "subnet-ec2-b")).subnets();

    Map<String, Integer> free =
        subnets.stream()
            .collect(Collectors.toMap(Subnet::subnetId, Subnet::availableIpAddressCount));
    assertEquals(Map.of("subnet-ec2-a", 321, "subnet-ec2-b", 45), free);
    Subnet a = subnets.stream().filter(s -> s.subnetId().equals("subnet-ec2-a")).findFirst().get();
    assertEquals("vpc-ec2", a.vpcId());
    assertEquals("us-east-1a", a.availabilityZone());
    assertEquals("available", a.stateAsString());
  }

  @Test
  void describeSubnets_followsWhatNodegroupsTake() {
    EksClient eks = SimClients.eks(sim);
    sim.declareSubnet("subnet-ng-a", "vpc-ng", "us-east-1a", 500);
    sim.declareSubnet("subnet-ng-b", "vpc-ng", "us-east-1b", 500);
    eks.createCluster(
        r ->
            r.name("ec2-ng")
                .version("1.32")
                .roleArn("arn:aws:iam::000000000000:role/eks")
                .resourcesVpcConfig(v -> v.subnetIds("subnet-ng-a", "subnet-ng-b")));
    eks.createNodegroup(
        r ->
            r.clusterName("ec2-ng")
                .nodegroupName("general")
                .nodeRole("arn:aws:iam::000000000000:role/node")
                .subnets("subnet-ng-a")
                .scalingConfig(s -> s.minSize(1).maxSize(4).desiredSize(3)));
    assertEquals(
        NodegroupStatus.ACTIVE,
        eks.describeNodegroup(r -> r.clusterName("ec2-ng").nodegroupName("general"))
            .nodegroup()
            .status());

    int freeA =
        ec2.describeSubnets(r -> r.subnetIds("subnet-ng-a"))
            .subnets()
            .get(0)
            .availableIpAddressCount();

    assertEquals(sim.freeIps("subnet-ng-a").orElseThrow(), freeA);
    assertTrue(freeA < 500, "3 nodes took IPs from subnet-ng-a, " + freeA + " left");
    eks.close();
  }

  @Test
  void describeSubnets_withAVpcFilter_andThePaginator() {
    sim.declareSubnet("subnet-flt-a", "vpc-flt", "us-east-1a", 10);
    sim.declareSubnet("subnet-flt-b", "vpc-flt", "us-east-1c", 20);

    List<String> ids =
        ec2
            .describeSubnetsPaginator(
                r -> r.filters(Filter.builder().name("vpc-id").values("vpc-flt").build()))
            .subnets()
            .stream()
            .map(Subnet::subnetId)
            .sorted()
            .toList();

    assertEquals(List.of("subnet-flt-a", "subnet-flt-b"), ids);
  }

  @Test
  void describeSubnets_ofAnUnknownSubnet_isInvalidSubnetIdNotFound() {
    Ec2Exception e =
        assertThrows(
            Ec2Exception.class, () -> ec2.describeSubnets(r -> r.subnetIds("subnet-nope")));

    assertEquals("InvalidSubnetID.NotFound", e.awsErrorDetails().errorCode());
    assertEquals(400, e.statusCode());
    assertTrue(e.awsErrorDetails().errorMessage().contains("subnet-nope"));
  }

  @Test
  void describeSubnets_throttled_isRetriedByTheSdk() {
    sim.declareSubnet("subnet-thr", "vpc-thr", "us-east-1a", 99);
    sim.faults().add(Fault.throttle("ec2", "DescribeSubnets", 2));

    int free =
        ec2.describeSubnets(r -> r.subnetIds("subnet-thr"))
            .subnets()
            .get(0)
            .availableIpAddressCount();

    assertEquals(99, free);
    assertTrue(sim.faults().list().isEmpty(), "both throttles fired and the third call passed");
  }

  @Test
  void describeSubnets_injectedError_reachesTheClientWithItsCode() {
    sim.faults()
        .add(
            new Fault(
                null,
                Fault.Kind.ERROR,
                "ec2",
                "DescribeSubnets",
                null,
                "UnauthorizedOperation",
                403,
                "You are not authorized to perform this operation.",
                1,
                null,
                null,
                null,
                null,
                null,
                null));

    Ec2Exception e =
        assertThrows(Ec2Exception.class, () -> ec2.describeSubnets(r -> r.maxResults(5)));

    assertEquals("UnauthorizedOperation", e.awsErrorDetails().errorCode());
    assertEquals(403, e.statusCode());
  }
}
