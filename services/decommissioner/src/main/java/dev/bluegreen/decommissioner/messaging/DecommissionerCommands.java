package dev.bluegreen.decommissioner.messaging;

import dev.bluegreen.decommissioner.DecommissionerHandler;
import dev.bluegreen.messaging.CommandInbox;
import dev.bluegreen.messaging.EventSink;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads {@code decommissioner.commands.v1} into the handler (libs/messaging). */
@ApplicationScoped
public class DecommissionerCommands {

  @Inject EventSink sink;
  @Inject DecommissionerHandler handler;
  private CommandInbox inbox;

  @PostConstruct
  void init() {
    inbox = new CommandInbox("decommissioner", handler, sink, Clock.systemUTC(), 10_000);
  }

  @Incoming("commands")
  @Blocking(value = CommandInbox.WORKERS, ordered = false)
  public void onCommand(ConsumerRecord<String, byte[]> record) {
    inbox.receive(record);
  }
}
