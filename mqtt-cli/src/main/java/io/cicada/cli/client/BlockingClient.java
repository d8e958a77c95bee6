package io.cicada.cli.client;

import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.Publish;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One connection for a command that runs on the main thread ({@code pub}, {@code sub}, {@code rr}): connects and
 * waits, hands received messages and the end of the connection to the main thread through a queue, and closes its
 * event loop with it. The queue is filled on the event loop and drained on the main thread.
 */
public final class BlockingClient implements AutoCloseable {
    /** Bound on waiting for a CONNACK, SUBACK or the DISCONNECT to be written. */
    private static final long STEP_TIMEOUT_SECONDS = 30;

    private final ClientTransport transport;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private MqttConnection connection;
    private String clientId;

    /** What the main thread takes from {@link #nextEvent}: a message, or the end with its failure (null if normal). */
    public record Event(Publish message, boolean closed, Throwable failure) {}

    private BlockingClient() {
        this.transport = ClientTransport.start(1);
    }

    /** Connects and waits for the CONNACK; on failure the event loop is already closed again. */
    public static BlockingClient connect(Endpoint endpoint, Connect connect) throws Exception {
        BlockingClient client = new BlockingClient();
        client.clientId = connect.clientId();
        try {
            client.connection = await(MqttConnection.open(client.transport, endpoint, connect, client.new Listener()));
            return client;
        } catch (Exception e) {
            client.transport.close();
            throw e;
        }
    }

    /** The client id this connection uses. */
    public String clientId() {
        return clientId;
    }

    public MqttConnection connection() {
        return connection;
    }

    /** The next message or the end of the connection, or null when nothing came within {@code timeoutMillis}. */
    public Event nextEvent(long timeoutMillis) throws InterruptedException {
        return events.poll(Math.max(0, timeoutMillis), TimeUnit.MILLISECONDS);
    }

    /** Waits for {@code future} at most 30 seconds, rethrowing its failure unwrapped. */
    public static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception ex ? ex : e;
        } catch (TimeoutException e) {
            throw new IOException("no answer from the broker within " + STEP_TIMEOUT_SECONDS + " seconds");
        }
    }

    /** Sends DISCONNECT (if still connected), waits for the socket to close and stops the event loop. */
    @Override
    public void close() {
        try {
            if (connection != null) {
                connection.disconnect(Disconnect.NORMAL).get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Closing anyway: the event loop goes next.
        } finally {
            transport.close();
        }
    }

    private final class Listener implements PacketListener {
        @Override
        public void message(Publish publish) {
            events.add(new Event(publish, false, null));
        }

        @Override
        public void closed(Throwable failure) {
            events.add(new Event(null, true, failure));
        }
    }
}
