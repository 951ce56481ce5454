package dev.bluegreen.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bluegreen.contracts.Topics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The broker can be stopped and restarted on the same port, so tests can watch clients (and health
 * checks) lose the broker and find it again. Its own broker: stopping the shared one would disturb
 * other tests.
 */
class KafkaBrokerRestartIT {

  @Test
  void stoppedBroker_refusesClients_andAfterRestart_theSameClientsWorkAgain() throws Exception {
    try (KafkaBroker broker = KafkaBroker.start();
        KafkaProducer<String, String> producer = producer(broker)) {
      String bootstrap = broker.bootstrapServers();
      producer
          .send(new ProducerRecord<>(Topics.FACTS.name(), "k", "before"))
          .get(30, TimeUnit.SECONDS);

      broker.stopBroker();
      assertThrows(ExecutionException.class, () -> describeCluster(bootstrap));

      broker.restartBroker();
      assertEquals(bootstrap, broker.bootstrapServers());
      Deadline deadline = Deadline.in(Duration.ofSeconds(60));
      while (true) {
        try {
          producer
              .send(new ProducerRecord<>(Topics.FACTS.name(), "k", "after"))
              .get(10, TimeUnit.SECONDS);
          break;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
          deadline.check("the producer to write again after the restart");
        }
      }
      assertEquals(1, describeCluster(bootstrap));
    }
  }

  private static int describeCluster(String bootstrap) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
    try (Admin admin = Admin.create(props)) {
      return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
    }
  }

  private static KafkaProducer<String, String> producer(KafkaBroker broker) {
    Properties props = broker.clientProperties();
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    return new KafkaProducer<>(props);
  }
}
