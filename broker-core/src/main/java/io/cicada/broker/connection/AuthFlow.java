package io.cicada.broker.connection;

import io.cicada.broker.auth.EnhancedAuthentication.Exchange;
import io.cicada.broker.auth.EnhancedAuthentication.Step;
import io.cicada.mqtt.packet.Auth;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.ReasonCode;
import java.util.Objects;

/**
 * MQTT 5 enhanced authentication (§4.12): the AUTH exchange between CONNECT and CONNACK, and re-authentication while
 * connected (§4.12.1). Owns the connection's Authentication Method and the exchange in progress. Runs on the
 * connection's event loop.
 */
final class AuthFlow {
    private final Connection connection;
    private final ConnectionContext context;
    private String method;
    private Exchange exchange;
    /** The CONNECT waiting for its exchange to finish, or null once connected. */
    private Pending pending;

    private record Pending(Connect connect, String clientId, boolean assigned) {}

    AuthFlow(Connection connection, ConnectionContext context) {
        this.connection = connection;
        this.context = context;
    }

    /** True while a CONNECT waits for the client's next AUTH: such AUTH packets are not held back. */
    boolean isAuthenticating() {
        return pending != null;
    }

    /** A CONNECT named a supported Authentication Method: starts the exchange with its Authentication Data. */
    void begin(Connect connect, String clientId, boolean assigned) {
        method = connect.properties().authenticationMethod();
        exchange = context.enhancedAuthentication().start(method, clientId);
        pending = new Pending(connect, clientId, assigned);
        answer(exchange.step(connect.properties().authenticationData()));
    }

    void onAuth(Auth auth) {
        String authMethod = auth.properties().authenticationMethod();
        if (method == null) {
            // [MQTT-4.12.0-7] no Authentication Method in CONNECT: the client must not send AUTH
            connection.protocolError("AUTH without an Authentication Method in CONNECT");
            return;
        }
        if (!Objects.equals(method, authMethod)) {
            // [MQTT-4.12.1-1] re-authentication uses the CONNECT's Authentication Method
            connection.protocolError("AUTH with another Authentication Method");
            return;
        }
        if (auth.reasonCode() == ReasonCode.RE_AUTHENTICATE && pending == null && exchange == null) {
            exchange = context.enhancedAuthentication().start(method, connection.clientId());
        } else if (auth.reasonCode() != ReasonCode.CONTINUE_AUTHENTICATION || exchange == null) {
            connection.protocolError("unexpected AUTH " + ReasonCode.describe(auth.reasonCode()));
            return;
        }
        answer(exchange.step(auth.properties().authenticationData()));
    }

    private void answer(Step step) {
        switch (step.outcome()) {
            case CONTINUE -> connection.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, data(step)));
            case SUCCESS -> succeeded(step);
            case FAILURE -> failed();
        }
    }

    private void succeeded(Step step) {
        exchange = null;
        if (pending == null) {
            connection.send(new Auth(ReasonCode.SUCCESS, data(step))); // re-authentication done
            return;
        }
        Pending done = pending;
        pending = null;
        Connect connect = done.connect();
        Connect authenticated = new Connect(
                connect.version(),
                connect.clientId(),
                connect.cleanStart(),
                connect.keepAliveSeconds(),
                step.username(),
                null,
                connect.will(),
                connect.properties());
        connection.connectFlow().authenticated(authenticated, done.clientId(), done.assigned(), data(step));
    }

    private void failed() {
        exchange = null;
        if (pending == null) {
            connection.disconnectWith(ReasonCode.NOT_AUTHORIZED, "re-authentication failed", true);
            return;
        }
        Pending done = pending;
        pending = null;
        connection.connectFlow().authenticationFailed(done.connect(), ReasonCode.NOT_AUTHORIZED);
    }

    private Properties data(Step step) {
        return Properties.builder()
                .authenticationMethod(method)
                .authenticationData(step.serverData())
                .build();
    }
}
