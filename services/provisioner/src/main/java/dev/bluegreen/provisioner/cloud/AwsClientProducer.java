package dev.bluegreen.provisioner.cloud;

import dev.bluegreen.cloud.AwsClients;
import dev.bluegreen.cloud.AwsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** The SDK clients of the provisioner, configured the one way (libs/cloud). */
@ApplicationScoped
public class AwsClientProducer {

  @Produces
  @ApplicationScoped
  EksClient eks(AwsConfig settings) {
    return AwsClients.configure(EksClient.builder(), settings).build();
  }

  @Produces
  @ApplicationScoped
  Ec2Client ec2(AwsConfig settings) {
    return AwsClients.configure(Ec2Client.builder(), settings).build();
  }

  @Produces
  @ApplicationScoped
  ElasticLoadBalancingV2Client elb(AwsConfig settings) {
    return AwsClients.configure(ElasticLoadBalancingV2Client.builder(), settings).build();
  }

  /**
   * Closes each SDK client above at shutdown: a disposer binds to every producer of this bean whose
   * type it is assignable from, so one serves them all.
   */
  void close(@Disposes SdkClient client) {
    client.close();
  }
}
