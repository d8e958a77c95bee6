package io.cicada.broker.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.HexFormat;

/** A blocking socket client speaking raw bytes, for transport tests. One per test; single-threaded. */
final class TestClient implements AutoCloseable {

    /** CONNECT, MQTT 3.1.1, clean session, keep-alive 60 s, client id "a". */
    static final String CONNECT_311 = "100d00044d5154540402003c000161";

    final Socket socket;

    TestClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5_000);
    }

    void sendHex(String hex) throws IOException {
        socket.getOutputStream().write(HexFormat.of().parseHex(hex));
        socket.getOutputStream().flush();
    }

    /** Exactly {@code n} bytes as hex, waiting at most 5 s. */
    String readHex(int n) throws IOException {
        byte[] bytes = socket.getInputStream().readNBytes(n);
        return HexFormat.of().formatHex(bytes);
    }

    /** True when the server closed the connection within 5 s (end of stream or reset). */
    boolean awaitClosedByServer() throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
