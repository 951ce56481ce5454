package dev.bluegreen.trafficshifter.cloud;

import dev.bluegreen.cloud.AwsClients;
import dev.bluegreen.cloud.AwsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** The AWS clients this service uses, configured the one way (libs/cloud). */
@ApplicationScoped
public class AwsClientProducer {

  @Produces
  @ApplicationScoped
  ElasticLoadBalancingV2Client elbv2(AwsConfig settings) {
    return AwsClients.configure(ElasticLoadBalancingV2Client.builder(), settings).build();
  }

  @Produces
  @ApplicationScoped
  CloudWatchClient cloudWatch(AwsConfig settings) {
    return AwsClients.configure(CloudWatchClient.builder(), settings).build();
  }

  /**
   * Closes each SDK client above at shutdown: a disposer binds to every producer of this bean whose
   * type it is assignable from, so one serves them all.
   */
  void close(@Disposes SdkClient client) {
    client.close();
  }
}
