package dev.bluegreen.trafficshifter;

import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.CloudSimConfig;
import dev.bluegreen.cloudsim.core.Fleet;
import dev.bluegreen.cloudsim.core.SimClock;
import dev.bluegreen.testkit.TestCloud;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * cloud-sim with the test fleet ({@code traffic-fleet.yaml}) and each green's target group created
 * through the real ELBv2 API, tagged {@code bluegreen.dev/cluster=<green>} with one registered
 * target (what the provisioner does for green). Exceptions: {@code nohealth-green} has a group
 * without targets, {@code gone-green}'s group is created and deleted again.
 */
public final class TrafficShifterCloud implements TestCloud {

  /** Scenario pairs whose green gets a healthy target group. */
  static final List<String> WITH_GREEN =
      List.of(
          "happy", "burst", "idle", "delay", "redeliver", "restart", "throttle", "orphan", "stale");

  @Override
  public CloudSimConfig simulator() {
    Fleet fleet;
    try (InputStream in = getClass().getResourceAsStream("/traffic-fleet.yaml")) {
      fleet = Fleet.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // A manual clock: the service's waits move it (SimulatedTimePacing), tests never sleep.
    return CloudSimConfig.instant().withClock(SimClock.manual(Instant.now())).withFleet(fleet);
  }

  @Override
  public void prepare(CloudSim sim) {
    try (ElasticLoadBalancingV2Client elb =
        ElasticLoadBalancingV2Client.builder()
            .endpointOverride(sim.elbv2Endpoint())
            .region(Region.of(sim.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      for (String pair : WITH_GREEN) {
        String tg = greenTargetGroup(elb, pair);
        elb.registerTargets(b -> b.targetGroupArn(tg).targets(t -> t.id("10.1.0.10").port(8080)));
      }
      // Named against the convention (tg-<cluster>): found by its tag alone.
      String renamed = greenTargetGroup(elb, "renamed", "legacy-renamed-green");
      elb.registerTargets(
          b -> b.targetGroupArn(renamed).targets(t -> t.id("10.1.0.11").port(8080)));
      greenTargetGroup(elb, "nohealth");
      String gone = greenTargetGroup(elb, "gone");
      elb.deleteTargetGroup(b -> b.targetGroupArn(gone));
    }
  }

  private static String greenTargetGroup(ElasticLoadBalancingV2Client elb, String pair) {
    return greenTargetGroup(elb, pair, "tg-" + pair + "-green");
  }

  private static String greenTargetGroup(
      ElasticLoadBalancingV2Client elb, String pair, String name) {
    String cluster = pair + "-green";
    return elb.createTargetGroup(
            b ->
                b.name(name)
                    .protocol("HTTP")
                    .port(8080)
                    .vpcId("vpc-shop")
                    .targetType("ip")
                    .tags(t -> t.key("bluegreen.dev/cluster").value(cluster)))
        .targetGroups()
        .get(0)
        .targetGroupArn();
  }
}
