package io.cicada.broker.connection;

import io.cicada.broker.BrokerSettings;
import io.cicada.broker.Mqtt5Settings;
import io.cicada.broker.auth.Authenticator;
import io.cicada.broker.auth.Authorizer;
import io.cicada.broker.auth.EnhancedAuthentication;
import io.cicada.broker.observe.BrokerStats;
import io.cicada.broker.observe.ClientEvents;
import io.cicada.broker.retain.RetainedMessages;
import io.cicada.broker.routing.Router;
import io.cicada.broker.session.SessionRegistry;
import io.cicada.broker.will.WillScheduler;
import java.time.Clock;

/**
 * The broker-wide collaborators every {@link Connection} and its flows use. Immutable holder of thread-safe objects,
 * built once by {@code BrokerCore}.
 */
public record ConnectionContext(
        BrokerSettings settings,
        SessionRegistry sessions,
        Router router,
        RetainedMessages retained,
        WillScheduler wills,
        Authenticator authenticator,
        Authorizer authorizer,
        BrokerStats stats,
        Clock clock,
        OpenConnections openConnections,
        ClientEvents clientEvents,
        Mqtt5Settings mqtt5,
        Redirection redirection,
        EnhancedAuthentication enhancedAuthentication) {}
