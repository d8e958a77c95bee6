package io.cicada.server.security;

import io.cicada.broker.auth.Authenticator;
import io.cicada.broker.auth.Authorizer;
import io.cicada.broker.auth.AuthorizerChain;
import io.cicada.broker.observe.BrokerListener;
import io.cicada.mqtt.packet.ReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication and authorization plugins found with {@link ServiceLoader}: a jar on the class path that lists its
 * classes in {@code META-INF/services/io.cicada.broker.auth.Authenticator} or {@code ...Authorizer} adds them to the
 * broker (see docs/plugins.md). Every authenticator must accept a CONNECT, in class-path order, and every authorizer
 * must allow a PUBLISH or SUBSCRIBE, together with the password and ACL files when those are configured; every
 * {@code io.cicada.broker.observe.BrokerListener} hears connects, disconnects and publishes. Built once at start-up;
 * the combined objects are immutable and called on event loops.
 */
public final class Plugins {

    private static final Logger log = LoggerFactory.getLogger(Plugins.class);

    private Plugins() {}

    /** {@code base} followed by every plugin authenticator; {@code base} alone when there are none. */
    static Authenticator authenticator(Authenticator base) {
        List<Authenticator> all = new ArrayList<>();
        all.add(base);
        for (Authenticator plugin : ServiceLoader.load(Authenticator.class)) {
            log.info("authentication plugin {} loaded", plugin.getClass().getName());
            all.add(plugin);
        }
        if (all.size() == 1) {
            return base;
        }
        return new Authenticator() {
            @Override
            public CompletionStage<Integer> authenticate(io.cicada.broker.auth.ConnectCredentials credentials) {
                return allAccept(all, 0, credentials);
            }

            @Override
            public java.time.Instant credentialsExpiry(String clientId) {
                return base.credentialsExpiry(clientId); // the base's token expiry still closes the connection
            }
        };
    }

    /** One authenticator that accepts what every one of {@code all} accepts, in order; the first's token expiry. */
    static Authenticator allAccept(List<Authenticator> all) {
        List<Authenticator> chain = List.copyOf(all);
        return new Authenticator() {
            @Override
            public CompletionStage<Integer> authenticate(io.cicada.broker.auth.ConnectCredentials credentials) {
                return allAccept(chain, 0, credentials);
            }

            @Override
            public java.time.Instant credentialsExpiry(String clientId) {
                return chain.get(0).credentialsExpiry(clientId);
            }
        };
    }

    /** Every {@link BrokerListener} the class path names, in class-path order. */
    public static List<BrokerListener> brokerListeners() {
        List<BrokerListener> all = new ArrayList<>();
        for (BrokerListener listener : ServiceLoader.load(BrokerListener.class)) {
            log.info("broker listener plugin {} loaded", listener.getClass().getName());
            all.add(listener);
        }
        return all;
    }

    /** Whether the class path names an authentication plugin (none is instantiated to find out). */
    static boolean anyAuthenticator() {
        return ServiceLoader.load(Authenticator.class).stream().findAny().isPresent();
    }

    /** Whether the class path names an authorization plugin (none is instantiated to find out). */
    static boolean anyAuthorizer() {
        return ServiceLoader.load(Authorizer.class).stream().findAny().isPresent();
    }

    private static CompletionStage<Integer> allAccept(
            List<Authenticator> all, int index, io.cicada.broker.auth.ConnectCredentials credentials) {
        if (index == all.size()) {
            return CompletableFuture.completedFuture(ReasonCode.SUCCESS);
        }
        return all.get(index)
                .authenticate(credentials)
                .thenCompose(code -> code == ReasonCode.SUCCESS
                        ? allAccept(all, index + 1, credentials)
                        : CompletableFuture.completedFuture(code));
    }

    /** {@code base} and every plugin authorizer; {@code base} alone when there are none. */
    static Authorizer authorizer(Authorizer base) {
        List<Authorizer> all = new ArrayList<>();
        all.add(base);
        for (Authorizer plugin : ServiceLoader.load(Authorizer.class)) {
            log.info("authorization plugin {} loaded", plugin.getClass().getName());
            all.add(plugin);
        }
        if (all.size() == 1) {
            return base;
        }
        return AuthorizerChain.of(all);
    }
}
