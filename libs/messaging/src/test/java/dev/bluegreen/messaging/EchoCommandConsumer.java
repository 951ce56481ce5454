package dev.bluegreen.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The adapter every phase service has, word for word but for its name and handler. */
@ApplicationScoped
public class EchoCommandConsumer {

  @Inject EventSink sink;
  @Inject EchoProvisioner handler;
  private CommandInbox inbox;

  @PostConstruct
  void init() {
    inbox = new CommandInbox("messaging-it", handler, sink, Clock.systemUTC(), 10_000);
  }

  @Incoming("commands")
  @Blocking(value = CommandInbox.WORKERS, ordered = false)
  public void onCommand(ConsumerRecord<String, byte[]> record) {
    inbox.receive(record);
  }
}
