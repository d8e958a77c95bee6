package io.cicada.server.config;

import io.cicada.broker.persistence.SyncPolicy;
import io.cicada.broker.routing.SharingStrategy;
import io.cicada.broker.transport.ListenerSettings;
import io.cicada.broker.transport.TransportKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The table of configuration keys: every top-level key of {@code cicada.yaml} with its range, in the order the file
 * documents them, and the keys of one listener entry. Immutable and shared.
 */
final class ConfigKeys {

    static final String LISTENERS = "listeners";
    static final String LOW_WATER_MARK = "write_buffer_low_water_mark";
    static final String HIGH_WATER_MARK = "write_buffer_high_water_mark";

    /** Keys of one entry under {@code listeners}. */
    static final List<String> LISTENER_KEYS = listenerKeys();

    static final ValueType PORT = ValueType.integer(0, 65_535);
    static final ValueType LISTENER_TYPE = ValueType.choice(ListenerSettings.TYPES);
    static final ValueType NAME = ValueType.word();

    private static final Map<String, ConfigKey> SCALARS = table(
            key(
                    "transport",
                    ValueType.choice(kinds()),
                    (b, v) -> b.kind = TransportKind.valueOf(((String) v).toUpperCase(Locale.ROOT))),
            key(LOW_WATER_MARK, ValueType.integer(1, Integer.MAX_VALUE), (b, v) -> b.writeBufferLowWaterMark = (int) v),
            key(
                    HIGH_WATER_MARK,
                    ValueType.integer(1, Integer.MAX_VALUE),
                    (b, v) -> b.writeBufferHighWaterMark = (int) v),
            key("max_packet_size", ValueType.integer(20, 268_435_460), (b, v) -> b.broker.maxPacketSize((int) v)),
            key("receive_maximum", ValueType.integer(1, 65_535), (b, v) -> b.broker.receiveMaximum((int) v)),
            key("max_inflight_messages", ValueType.integer(1, 65_535), (b, v) -> b.broker.maxInflightMessages((int) v)),
            key(
                    "max_queued_messages",
                    ValueType.integer(0, Integer.MAX_VALUE),
                    (b, v) -> b.broker.maxQueuedMessages((int) v)),
            key(
                    "max_queued_bytes",
                    ValueType.longInteger(0, Long.MAX_VALUE),
                    (b, v) -> b.broker.maxQueuedBytes((long) v)),
            key("queue_qos0_messages", ValueType.bool(), (b, v) -> b.broker.queueQos0Offline((boolean) v)),
            key("topic_alias_maximum", ValueType.integer(0, 65_535), (b, v) -> b.broker.topicAliasMaximum((int) v)),
            key("max_keepalive", ValueType.integer(1, 65_535), (b, v) -> b.broker.maxKeepAliveSeconds((int) v)),
            key(
                    "max_session_expiry",
                    ValueType.longInteger(0, 4_294_967_295L),
                    (b, v) -> b.broker.maxSessionExpirySeconds((long) v)),
            key("maximum_qos", ValueType.integer(0, 2), (b, v) -> b.broker.maximumQos((int) v)),
            key("retain_available", ValueType.bool(), (b, v) -> b.broker.retainAvailable((boolean) v)),
            key(
                    "wildcard_subscription_available",
                    ValueType.bool(),
                    (b, v) -> b.broker.wildcardSubscriptionAvailable((boolean) v)),
            key(
                    "subscription_identifiers_available",
                    ValueType.bool(),
                    (b, v) -> b.broker.subscriptionIdentifiersAvailable((boolean) v)),
            key(
                    "shared_subscriptions_available",
                    ValueType.bool(),
                    (b, v) -> b.broker.sharedSubscriptionsAvailable((boolean) v)),
            key("allow_empty_client_id", ValueType.bool(), (b, v) -> b.broker.allowEmptyClientId((boolean) v)),
            // [MQTT-3.1.3-5] the server must allow client ids of 1..23 characters.
            key("max_client_id_length", ValueType.integer(23, 65_535), (b, v) -> b.broker.maxClientIdLength((int) v)),
            key("assigned_client_id_prefix", ValueType.text(64), (b, v) -> b.broker.assignedClientIdPrefix((String) v)),
            key("connect_timeout", ValueType.integer(1, 3_600), (b, v) -> b.broker.connectTimeoutSeconds((int) v)),
            key("sys_interval", ValueType.integer(0, 86_400), (b, v) -> b.broker.sysIntervalSeconds((int) v)),
            key("allow_anonymous", ValueType.bool(), (b, v) -> b.broker.allowAnonymous((boolean) v)),
            key("password_file", ValueType.text(4096), (b, v) -> b.passwordFile = optionalPath((String) v)),
            key("acl_file", ValueType.text(4096), (b, v) -> b.aclFile = optionalPath((String) v)),
            key("jwt_key_file", ValueType.text(4096), (b, v) -> b.jwtKeyFile = optionalPath((String) v)),
            key("jwt_jwks_url", ValueType.text(4096), (b, v) -> b.jwtJwksUrl = emptyAsNull(v)),
            key("jwt_issuer", ValueType.text(1024), (b, v) -> b.jwtIssuer = emptyAsNull(v)),
            key("jwt_audience", ValueType.text(1024), (b, v) -> b.jwtAudience = emptyAsNull(v)),
            key("jwt_clock_skew", ValueType.integer(0, 3_600), (b, v) -> b.jwtClockSkewSeconds = (int) v),
            key("security_reload_interval", ValueType.integer(0, 86_400), (b, v) -> b.securityReloadSeconds = (int) v),
            key("allow_anonymous_remote", ValueType.bool(), (b, v) -> b.anonymousRemote = (boolean) v),
            key("max_connections", ValueType.integer(0, Integer.MAX_VALUE), (b, v) -> b.maxConnections = (int) v),
            key("sys_client_events", ValueType.bool(), (b, v) -> b.broker.sysClientEvents((boolean) v)),
            key("admin_enabled", ValueType.bool(), (b, v) -> b.admin = b.admin.withEnabled((boolean) v)),
            key("admin_host", ValueType.word(), (b, v) -> b.admin = b.admin.withAddress((String) v, b.admin.port())),
            key("admin_port", PORT, (b, v) -> b.admin = b.admin.withAddress(b.admin.host(), (int) v)),
            key("admin_token", ValueType.text(256), (b, v) -> b.admin = b.admin.withToken(emptyAsNull(v))),
            key("admin_username", ValueType.text(256), (b, v) -> b.adminUsername = emptyAsNull(v)),
            key("admin_password", ValueType.text(256), (b, v) -> b.adminPassword = emptyAsNull(v)),
            key(
                    "admin_authenticate_local",
                    ValueType.bool(),
                    (b, v) -> b.admin = b.admin.withAuthenticateLocal((boolean) v)),
            key(
                    "shared_subscription_strategy",
                    ValueType.choice(sharingStrategies()),
                    (b, v) -> b.mqtt5.sharingStrategy(SharingStrategy.parse((String) v))),
            key(
                    "outbound_topic_alias_maximum",
                    ValueType.integer(0, 65_535),
                    (b, v) -> b.mqtt5.outboundTopicAliasMaximum((int) v)),
            key("response_information", ValueType.text(256), (b, v) -> b.mqtt5.responseInformation((String) v)),
            key("redirect_to", ValueType.text(256), (b, v) -> b.mqtt5.redirectTo((String) v)),
            key("redirect_permanent", ValueType.bool(), (b, v) -> b.mqtt5.redirectPermanent((boolean) v)),
            key("scram_credentials_file", ValueType.text(4096), (b, v) -> b.mqtt5.scramCredentialsFile((String) v)),
            key(
                    "persistence",
                    ValueType.choice(List.of("auto", "memory", "durable")),
                    (b, v) -> b.persistenceMode = (String) v),
            key(
                    "data_dir",
                    ValueType.text(4096),
                    (b, v) -> b.dataDirectory = ((String) v).isEmpty() ? null : Path.of((String) v)),
            key(
                    "sync",
                    ValueType.choice(List.of("always", "batch", "none")),
                    (b, v) -> b.syncPolicy = SyncPolicy.valueOf(((String) v).toUpperCase(Locale.ROOT))),
            key("commit_interval", ValueType.integer(0, 1_000), (b, v) -> b.commitIntervalMillis = (int) v),
            key("sync_interval", ValueType.integer(1, 60_000), (b, v) -> b.syncIntervalMillis = (int) v),
            key(
                    "max_retained_messages",
                    ValueType.integer(0, Integer.MAX_VALUE),
                    (b, v) -> b.maxRetainedMessages = (int) v),
            key("max_disk_usage", ValueType.longInteger(0, Long.MAX_VALUE), (b, v) -> b.maxDiskBytes = (long) v),
            key(
                    "max_retained_bytes",
                    ValueType.longInteger(0, Long.MAX_VALUE),
                    (b, v) -> b.maxRetainedBytes = (long) v));

    private ConfigKeys() {}

    /** A file path, or null for an empty value. */
    private static java.nio.file.Path optionalPath(String text) {
        return text.isBlank() ? null : java.nio.file.Path.of(text);
    }

    /** The scalar key with this name, or null. */
    static ConfigKey scalar(String name) {
        return SCALARS.get(name);
    }

    /** Every scalar key, in documentation order. */
    static List<ConfigKey> scalars() {
        return List.copyOf(SCALARS.values());
    }

    /** Every top-level key name, in documentation order: {@code listeners} first, then the scalars. */
    static List<String> topLevelNames() {
        List<String> names = new ArrayList<>();
        names.add(LISTENERS);
        names.addAll(SCALARS.keySet());
        return names;
    }

    private static String emptyAsNull(Object value) {
        String text = (String) value;
        return text == null || text.isEmpty() ? null : text;
    }

    private static List<String> listenerKeys() {
        List<String> keys = new ArrayList<>(List.of("name", "type", "host", "port"));
        keys.addAll(ListenerOptions.TYPES.keySet());
        return List.copyOf(keys);
    }

    private static List<String> sharingStrategies() {
        return Arrays.stream(SharingStrategy.values())
                .map(SharingStrategy::configName)
                .toList();
    }

    private static List<String> kinds() {
        return Arrays.stream(TransportKind.values())
                .map(TransportKind::configName)
                .toList();
    }

    private static ConfigKey key(String name, ValueType type, BiConsumer<ServerConfig.Builder, Object> setter) {
        return new ConfigKey(name, type, setter);
    }

    private static Map<String, ConfigKey> table(ConfigKey... keys) {
        Map<String, ConfigKey> table = new LinkedHashMap<>();
        for (ConfigKey key : keys) {
            table.put(key.name(), key);
        }
        return Collections.unmodifiableMap(table);
    }
}
