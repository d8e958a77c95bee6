package io.cicada.broker.auth;

/**
 * MQTT 5 enhanced authentication (§4.12): challenge/response exchanges named by an Authentication Method, carried in
 * CONNECT, AUTH and CONNACK packets, for the first authentication and for re-authentication during a connection.
 * Implementations are thread-safe and never block; an {@link Exchange} belongs to one connection and is used only on
 * its event loop.
 */
public interface EnhancedAuthentication {

    /** True when {@code method} (such as {@code SCRAM-SHA-256}) is handled; otherwise CONNECT gets 0x8C. */
    boolean supports(String method);

    /** Starts an exchange for a client that named {@code method}. */
    Exchange start(String method, String clientId);

    /** One authentication exchange: each client step (Authentication Data) in, the server's answer out. */
    interface Exchange {
        Step step(byte[] clientData);
    }

    /** What a step decided. */
    enum Outcome {
        /** Send the data to the client in AUTH 0x18 and wait for its next step. */
        CONTINUE,
        /** Authenticated as {@link Step#username()}; the data goes in CONNACK (or AUTH 0x00). */
        SUCCESS,
        /** Refused. */
        FAILURE
    }

    /**
     * @param serverData the Authentication Data to send (may be null)
     * @param username with {@link Outcome#SUCCESS}, the authenticated user name
     */
    record Step(Outcome outcome, byte[] serverData, String username) {
        public static Step proceed(byte[] serverData) {
            return new Step(Outcome.CONTINUE, serverData, null);
        }

        public static Step success(byte[] serverData, String username) {
            return new Step(Outcome.SUCCESS, serverData, username);
        }

        public static Step failure() {
            return new Step(Outcome.FAILURE, null, null);
        }
    }

    /** No method supported: every CONNECT with an Authentication Method gets 0x8C Bad authentication method. */
    static EnhancedAuthentication none() {
        return new EnhancedAuthentication() {
            @Override
            public boolean supports(String method) {
                return false;
            }

            @Override
            public Exchange start(String method, String clientId) {
                throw new IllegalArgumentException("unsupported authentication method " + method);
            }
        };
    }
}
