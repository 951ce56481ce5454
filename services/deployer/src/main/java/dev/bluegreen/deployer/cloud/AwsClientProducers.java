package dev.bluegreen.deployer.cloud;

import dev.bluegreen.cloud.AwsClients;
import dev.bluegreen.cloud.AwsSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** The AWS clients the deployer uses, configured the one shared way. */
@ApplicationScoped
public class AwsClientProducers {

  @Produces
  @ApplicationScoped
  EksClient eks(AwsSettings settings) {
    return AwsClients.configure(EksClient.builder(), settings).build();
  }

  @Produces
  @ApplicationScoped
  ElasticLoadBalancingV2Client elbv2(AwsSettings settings) {
    return AwsClients.configure(ElasticLoadBalancingV2Client.builder(), settings).build();
  }

  void close(@Disposes EksClient client) {
    client.close();
  }

  void close(@Disposes ElasticLoadBalancingV2Client client) {
    client.close();
  }
}
