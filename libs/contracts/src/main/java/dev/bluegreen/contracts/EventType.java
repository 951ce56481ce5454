package dev.bluegreen.contracts;

import dev.bluegreen.schemas.EventSchemas;

/**
 * One event type at one major version: its CloudEvent type, its Java type, its schema, and the
 * topic it travels on.
 *
 * @param name the event name, e.g. ProvisionGreen
 * @param majorVersion the schema's major version
 * @param javaType the record that carries its data
 * @param topic the topic it is published to
 */
public record EventType<T extends UpgradeEvent>(
    String name, int majorVersion, Class<T> javaType, TopicSpec topic) {

  /** Prefix of every CloudEvent type of this platform. */
  public static final String CE_TYPE_PREFIX = "dev.bluegreen.";

  /** The CloudEvent {@code type} attribute, e.g. {@code dev.bluegreen.ProvisionGreen.v1}. */
  public String ceType() {
    return CE_TYPE_PREFIX + name + ".v" + majorVersion;
  }

  /** Where its schema lives on the classpath, also sent as {@code ce_dataschema}. */
  public String schemaPath() {
    return EventSchemas.EVENTS_PATH + EventSchemas.fileName(name, majorVersion);
  }
}
