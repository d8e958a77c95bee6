package io.cicada.mqtt.codec;

import io.cicada.mqtt.packet.Auth;
import io.cicada.mqtt.packet.ConnAck;
import io.cicada.mqtt.packet.Connect;
import io.cicada.mqtt.packet.Disconnect;
import io.cicada.mqtt.packet.MqttPacket;
import io.cicada.mqtt.packet.MqttVersion;
import io.cicada.mqtt.packet.Payload;
import io.cicada.mqtt.packet.PingReq;
import io.cicada.mqtt.packet.PingResp;
import io.cicada.mqtt.packet.Properties;
import io.cicada.mqtt.packet.PubAck;
import io.cicada.mqtt.packet.PubComp;
import io.cicada.mqtt.packet.PubRec;
import io.cicada.mqtt.packet.PubRel;
import io.cicada.mqtt.packet.Publish;
import io.cicada.mqtt.packet.ReasonCode;
import io.cicada.mqtt.packet.SubAck;
import io.cicada.mqtt.packet.Subscribe;
import io.cicada.mqtt.packet.Subscription;
import io.cicada.mqtt.packet.UnsubAck;
import io.cicada.mqtt.packet.Unsubscribe;
import io.cicada.mqtt.packet.Will;
import java.util.ArrayList;
import java.util.List;

/** Packets of every type for every version they exist in, with every MQTT 5 property somewhere, for tests. */
final class SamplePackets {
    private SamplePackets() {}

    /** Properties a CONNECT may carry, all of them, with repeated user property names out of order. */
    static Properties connectProperties() {
        return Properties.builder()
                .sessionExpiryInterval(0xFFFF_FFFFL)
                .authenticationMethod("SCRAM-SHA-1")
                .authenticationData(new byte[] {1, 2, 3})
                .requestProblemInformation(0)
                .requestResponseInformation(1)
                .receiveMaximum(65_535)
                .topicAliasMaximum(10)
                .addUserProperty("z", "1")
                .addUserProperty("a", "2")
                .addUserProperty("z", "3")
                .maximumPacketSize(1_048_576L)
                .build();
    }

    static Properties willProperties() {
        return Properties.builder()
                .payloadFormatIndicator(1)
                .messageExpiryInterval(3600L)
                .contentType("text/plain")
                .responseTopic("reply/to")
                .correlationData(new byte[] {9, 8})
                .willDelayInterval(30L)
                .addUserProperty("k", "v")
                .build();
    }

    static Properties connAckProperties() {
        return Properties.builder()
                .sessionExpiryInterval(120L)
                .assignedClientIdentifier("auto-1")
                .serverKeepAlive(30)
                .authenticationMethod("SCRAM-SHA-1")
                .authenticationData(new byte[] {4})
                .responseInformation("resp/")
                .serverReference("other:1883")
                .reasonString("fine")
                .receiveMaximum(100)
                .topicAliasMaximum(5)
                .maximumQos(1)
                .retainAvailable(0)
                .addUserProperty("b", "1")
                .addUserProperty("a", "1")
                .maximumPacketSize(65_536L)
                .wildcardSubscriptionAvailable(1)
                .subscriptionIdentifierAvailable(0)
                .sharedSubscriptionAvailable(1)
                .build();
    }

    static Properties publishProperties() {
        return Properties.builder()
                .payloadFormatIndicator(0)
                .messageExpiryInterval(10L)
                .contentType("application/json")
                .responseTopic("r/t")
                .correlationData(new byte[] {0, (byte) 0xFF})
                .addSubscriptionIdentifier(1)
                .addSubscriptionIdentifier(268_435_455)
                .topicAlias(7)
                .addUserProperty("x", "1")
                .addUserProperty("x", "0")
                .build();
    }

    static Properties reason(String text) {
        return Properties.builder().reasonString(text).addUserProperty("u", "p").build();
    }

    /** Every packet type that exists in {@code v}, in several shapes. */
    static List<MqttPacket> all(MqttVersion v) {
        boolean v5 = v.isV5();
        Properties none = Properties.EMPTY;
        List<MqttPacket> p = new ArrayList<>();
        p.add(new Connect(v, "client-1", true, 60, null, null, null, none));
        p.add(new Connect(v, "", false, 0, "user", "secret".getBytes(), null, none));
        p.add(new Connect(
                v,
                "c",
                true,
                65_535,
                "u",
                new byte[0],
                new Will("will/topic", Payload.utf8("gone"), 2, true, v5 ? willProperties() : none),
                v5 ? connectProperties() : none));
        p.add(new Connect(v, "c", false, 10, null, null, new Will("w", Payload.EMPTY, 0, false, none), none));
        p.add(new ConnAck(false, ReasonCode.SUCCESS, none));
        p.add(new ConnAck(true, ReasonCode.SUCCESS, v5 ? connAckProperties() : none));
        p.add(new ConnAck(false, v5 ? ReasonCode.NOT_AUTHORIZED : ReasonCode.V3_NOT_AUTHORIZED, none));
        p.add(Publish.qos0("a/b", Payload.utf8("hello")));
        p.add(new Publish("a", 1, false, true, 1, none, Payload.EMPTY));
        p.add(new Publish("ü/€/𝄞", 2, true, false, 65_535, v5 ? publishProperties() : none, Payload.utf8("x")));
        for (int code : v5 ? new int[] {ReasonCode.SUCCESS, ReasonCode.NO_MATCHING_SUBSCRIBERS} : new int[] {0}) {
            p.add(new PubAck(12, code, none));
            p.add(new PubRec(13, code, none));
        }
        p.add(new PubRel(14));
        p.add(new PubComp(15));
        if (v5) {
            p.add(new Publish(
                    "", 0, false, false, 0, Properties.builder().topicAlias(3).build(), Payload.utf8("y")));
            p.add(new PubAck(1, ReasonCode.QUOTA_EXCEEDED, reason("full")));
            p.add(new PubRec(2, ReasonCode.SUCCESS, reason("ok")));
            p.add(new PubRel(3, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, none));
            p.add(new PubComp(4, ReasonCode.SUCCESS, reason("done")));
        }
        p.add(new Subscribe(1, List.of(Subscription.of("a/+", 0), Subscription.of("#", 2)), none));
        p.add(new SubAck(1, List.of(0, 1, 2, 0x80), none));
        p.add(new Unsubscribe(2, List.of("a/+", "$share/g/x"), none));
        p.add(new UnsubAck(2, v5 ? List.of(0, 0x11) : List.of(), none));
        if (v5) {
            p.add(new Subscribe(
                    3,
                    List.of(
                            new Subscription("s", 1, true, true, 2),
                            new Subscription("$share/g/t", 2, false, false, 1)),
                    Properties.builder()
                            .addSubscriptionIdentifier(42)
                            .addUserProperty("a", "b")
                            .build()));
            p.add(new SubAck(3, List.of(0x8F, 0x9E, 0xA1, 0xA2), reason("no")));
            p.add(new Unsubscribe(
                    4,
                    List.of("x"),
                    Properties.builder().addUserProperty("n", "v").build()));
            p.add(new UnsubAck(4, List.of(0x87), reason("denied")));
        }
        p.add(PingReq.INSTANCE);
        p.add(PingResp.INSTANCE);
        p.add(Disconnect.NORMAL);
        if (v5) {
            p.add(new Disconnect(ReasonCode.DISCONNECT_WITH_WILL_MESSAGE, none));
            p.add(new Disconnect(
                    ReasonCode.SERVER_MOVED,
                    Properties.builder()
                            .serverReference("b:1883")
                            .sessionExpiryInterval(0L)
                            .reasonString("r")
                            .build()));
            p.add(new Auth(ReasonCode.SUCCESS, none));
            p.add(new Auth(
                    ReasonCode.CONTINUE_AUTHENTICATION,
                    Properties.builder()
                            .authenticationMethod("m")
                            .authenticationData(new byte[] {1})
                            .build()));
            p.add(new Auth(ReasonCode.RE_AUTHENTICATE, reason("again")));
        }
        return p;
    }

    /** A QoS 1 PUBLISH whose payload has {@code size} bytes of a repeating pattern. */
    static Publish withPayload(int size) {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) (i * 31);
        }
        return new Publish("big", 1, false, false, 9, Properties.EMPTY, Payload.wrap(payload));
    }
}
