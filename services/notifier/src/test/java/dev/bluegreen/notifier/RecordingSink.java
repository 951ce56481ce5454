package dev.bluegreen.notifier;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.messaging.EventSink;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;

/** The dead-letter topic for the notifiers' unit tests: keeps each dead letter's headers. */
final class RecordingSink implements EventSink {
  final List<Headers> deadLetters = new ArrayList<>();

  @Override
  public void publish(CloudEvent<?> event) {
    throw new AssertionError("the notifier publishes no events");
  }

  @Override
  public void deadLetter(String key, byte[] value, Headers headers) {
    deadLetters.add(headers);
  }
}
