package io.cicada.tests.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cicada.broker.transport.ListenerSettings;
import io.cicada.broker.transport.WebSocketSettings;
import io.cicada.server.Broker;
import io.cicada.server.config.ServerConfig;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver, driven by Selenium) loads a page that connects to
 * the broker with MQTT.js over WebSocket, subscribes, and shows what arrives; a Java client publishes. The WebSocket
 * listener only allows the page's origin, as a production set-up would.
 */
class BrowserWebSocketTest {

    private static final String TOPIC = "web/browser/news";

    @TempDir
    Path profile;

    private HttpServer pages;
    private Broker broker;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws IOException {
        Path js = NodeModules.installed();
        pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pages.createContext("/", exchange -> serve(exchange, js.resolve("browser.html"), "text/html"));
        pages.createContext(
                "/mqtt.min.js",
                exchange -> serve(exchange, js.resolve("node_modules/mqtt/dist/mqtt.min.js"), "text/javascript"));
        pages.start();
        String origin = "http://127.0.0.1:" + pages.getAddress().getPort();
        ListenerSettings ws = ListenerSettings.ws("ws", "127.0.0.1", 0)
                .withWebSocket(WebSocketSettings.defaults().withAllowedOrigins(List.of(origin)));
        ServerConfig config = ServerConfig.defaults();
        config = config.withTransport(
                config.transport().withListeners(List.of(ListenerSettings.tcp("tcp", "127.0.0.1", 0), ws)));
        broker = Broker.builder().config(config).build().start();
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                        .usingAnyFreePort()
                        .build(),
                new ChromeOptions()
                        .setBinary("/usr/bin/chromium")
                        .addArguments(
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--no-first-run",
                                "--user-data-dir=" + profile.toAbsolutePath()));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (broker != null) {
            broker.close();
        }
        if (pages != null) {
            pages.stop(0);
        }
    }

    @Test
    void aPageConnectedWithMqttJsShowsAMessagePublishedByAJavaClient() {
        String url = "ws://127.0.0.1:" + broker.port("ws") + "/mqtt";
        browser.get("http://127.0.0.1:" + pages.getAddress().getPort() + "/?url="
                + URLEncoder.encode(url, StandardCharsets.UTF_8) + "&topic="
                + URLEncoder.encode(TOPIC, StandardCharsets.UTF_8));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.textToBe(By.id("status"), "subscribed"));

        Mqtt5BlockingClient java = Mqtt5Client.builder()
                .identifier("java-to-browser")
                .serverHost("127.0.0.1")
                .serverPort(broker.port("tcp"))
                .buildBlocking();
        java.connect();
        java.publishWith()
                .topic(TOPIC)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload("hello, browser".getBytes(StandardCharsets.UTF_8))
                .send();
        java.disconnect();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "hello, browser"));
        assertThat(browser.findElement(By.id("messages")).getText()).isEqualTo(TOPIC + ": hello, browser");
    }

    private static void serve(HttpExchange exchange, Path file, String contentType) throws IOException {
        byte[] body = Files.readAllBytes(file);
        exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
