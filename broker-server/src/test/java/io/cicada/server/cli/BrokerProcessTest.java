package io.cicada.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs {@code cicada broker} as a real process: it logs its address, serves a client, and stops on SIGTERM. */
class BrokerProcessTest {

    private static final Pattern LISTENING =
            Pattern.compile("listening on tcp://127\\.0\\.0\\.1:(\\d+) \\((epoll|nio)\\)");

    @Test
    void sigtermClosesTheBrokerGracefully() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(
                        java,
                        "-cp",
                        classPath,
                        CicadaMain.class.getName(),
                        "broker",
                        "--port",
                        "0",
                        "--set",
                        "persistence=memory")
                .redirectErrorStream(true)
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            int port = awaitPort(out, lines);
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write(HexFormat.of().parseHex("100d00044d5154540402003c000161"));
                assertThat(HexFormat.of().formatHex(socket.getInputStream().readNBytes(4)))
                        .isEqualTo("20020000");

                process.toHandle().destroy(); // SIGTERM, keeping the output stream open

                assertThat(process.waitFor(15, TimeUnit.SECONDS))
                        .as("exited; output: %s", lines)
                        .isTrue();
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            }
            out.lines().forEach(lines::add);
        } finally {
            process.destroyForcibly();
        }
        assertThat(lines).anyMatch(line -> line.endsWith("BrokerCommand - stopped"));
        assertThat(lines).noneMatch(line -> line.contains("Exception"));
    }

    private static int awaitPort(BufferedReader out, List<String> lines) throws IOException {
        for (int i = 0; i < 200; i++) {
            String line = out.readLine();
            if (line == null) {
                break;
            }
            lines.add(line);
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new AssertionError("the broker did not report its address: " + lines);
    }
}
