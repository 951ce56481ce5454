package dev.bluegreen.contracts;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer for CloudEvents in binary mode: writes the headers, returns the JSON data. */
public final class CloudEventSerializer implements Serializer<CloudEvent<?>> {

  private final CloudEventCodec codec = new CloudEventCodec();

  @Override
  public byte[] serialize(String topic, CloudEvent<?> event) {
    throw new UnsupportedOperationException(
        "CloudEvents in binary mode need record headers; use serialize(topic, headers, event)");
  }

  @Override
  public byte[] serialize(String topic, Headers headers, CloudEvent<?> event) {
    if (event == null) {
      return null;
    }
    codec.writeHeaders(event, headers);
    return codec.encodeData(event);
  }
}
