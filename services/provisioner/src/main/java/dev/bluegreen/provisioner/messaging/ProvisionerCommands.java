package dev.bluegreen.provisioner.messaging;

import dev.bluegreen.messaging.CommandInbox;
import dev.bluegreen.messaging.EventSink;
import dev.bluegreen.provisioner.ProvisionerHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads {@code provisioner.commands.v1} through the inbox (decode, dedupe, dead letters). */
@ApplicationScoped
public class ProvisionerCommands {

  @Inject EventSink sink;
  @Inject ProvisionerHandler handler;
  private CommandInbox inbox;

  @PostConstruct
  void init() {
    inbox = new CommandInbox("provisioner", handler, sink, Clock.systemUTC(), 10_000);
  }

  /** One command; acknowledged once its facts are on the broker. */
  @Incoming("commands")
  @Blocking(value = CommandInbox.WORKERS, ordered = false)
  public void onCommand(ConsumerRecord<String, byte[]> record) {
    inbox.receive(record);
  }
}
