package dev.bluegreen.contracts;

/** Kafka header names of the CloudEvents Kafka protocol binding, binary content mode. */
public final class CloudEventHeaders {

  private CloudEventHeaders() {}

  /** The CloudEvents spec version we write. */
  public static final String SPEC_VERSION_VALUE = "1.0";

  public static final String SPEC_VERSION = "ce_specversion";
  public static final String ID = "ce_id";
  public static final String SOURCE = "ce_source";
  public static final String TYPE = "ce_type";
  public static final String SUBJECT = "ce_subject";
  public static final String TIME = "ce_time";
  public static final String DATA_SCHEMA = "ce_dataschema";

  /** Extension: the upgrade the event belongs to. */
  public static final String CORRELATION_ID = "ce_correlationid";

  /** Extension: the id of the event that caused this one. */
  public static final String CAUSATION_ID = "ce_causationid";

  /** In binary mode the data's media type is the Kafka {@code content-type} header. */
  public static final String CONTENT_TYPE = "content-type";

  public static final String JSON = "application/json";
}
