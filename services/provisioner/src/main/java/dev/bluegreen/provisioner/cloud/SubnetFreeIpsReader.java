package dev.bluegreen.provisioner.cloud;

import dev.bluegreen.provisioner.config.ProvisionerConfig;
import dev.bluegreen.provisioner.core.Observed;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Subnet;

/**
 * Free IPs per subnet. EKS has no API for it: EC2 {@code DescribeSubnets} has each subnet's {@code
 * AvailableIpAddressCount}. When it cannot be read (no permission, or a simulator without EC2) the
 * check warns instead of guessing.
 */
@ApplicationScoped
public class SubnetFreeIpsReader {

  private final Ec2Client ec2;
  private final ProvisionerConfig settings;

  /** Over a client configured by libs/cloud. */
  public SubnetFreeIpsReader(Ec2Client ec2, ProvisionerConfig settings) {
    this.ec2 = ec2;
    this.settings = settings;
  }

  /** Free IPs of these subnets. */
  public Observed.SubnetFreeIps read(Collection<String> subnetIds) {
    if (!"ec2".equals(settings.subnetFreeIpsSource())) {
      return Observed.SubnetFreeIps.unavailable(
          "bluegreen.provisioner.subnet-free-ips-source=" + settings.subnetFreeIpsSource());
    }
    if (subnetIds.isEmpty()) {
      return Observed.SubnetFreeIps.of(Map.of());
    }
    try {
      Map<String, Integer> free = new LinkedHashMap<>();
      for (Subnet s : ec2.describeSubnetsPaginator(r -> r.subnetIds(subnetIds)).subnets()) {
        free.put(s.subnetId(), s.availableIpAddressCount());
      }
      return Observed.SubnetFreeIps.of(free);
    } catch (SdkException e) {
      return Observed.SubnetFreeIps.unavailable("EC2 DescribeSubnets: " + e.getMessage());
    }
  }
}
