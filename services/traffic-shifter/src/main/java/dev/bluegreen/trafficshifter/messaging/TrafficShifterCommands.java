package dev.bluegreen.trafficshifter.messaging;

import dev.bluegreen.messaging.CommandInbox;
import dev.bluegreen.messaging.EventSink;
import dev.bluegreen.trafficshifter.TrafficShifterHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Commands from {@code traffic-shifter.commands.v1} into the handler, through the inbox. */
@ApplicationScoped
public class TrafficShifterCommands {

  @Inject EventSink sink;
  @Inject TrafficShifterHandler handler;
  private CommandInbox inbox;

  @PostConstruct
  void init() {
    inbox = new CommandInbox("traffic-shifter", handler, sink, Clock.systemUTC(), 10_000);
  }

  @Incoming("commands")
  @Blocking(value = CommandInbox.WORKERS, ordered = false)
  public void onCommand(ConsumerRecord<String, byte[]> record) {
    inbox.receive(record);
  }
}
