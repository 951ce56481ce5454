package dev.bluegreen.contracts;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer that never throws: every record becomes {@link Incoming.Valid} or {@link
 * Incoming.Invalid}, so a poison pill cannot stop a consumer.
 */
public final class IncomingDeserializer implements Deserializer<Incoming> {

  private final CloudEventCodec codec = new CloudEventCodec();

  @Override
  public Incoming deserialize(String topic, byte[] data) {
    return codec.decode(null, data);
  }

  @Override
  public Incoming deserialize(String topic, Headers headers, byte[] data) {
    return codec.decode(headers, data);
  }
}
