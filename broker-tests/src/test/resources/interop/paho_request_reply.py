"""Debian python3-paho-mqtt side of PahoPythonInteropTest: the same exchange as mqttjs_request_reply.js.

Subscribes over MQTT 5 (one plain and one shared subscription), prints READY, and answers the first request
on its Response Topic with the same Correlation Data, echoing the request's user properties and content type.
"""
import json
import sys
import threading

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

port = int(sys.argv[1])
done = threading.Event()
client = mqtt.Client(client_id="paho-python-interop", protocol=mqtt.MQTTv5)


def on_connect(client, userdata, flags, reason_code, properties):
    client.subscribe([("interop/py/request", 1), ("$share/py/interop/py/shared", 1)])


def on_subscribe(client, userdata, mid, reason_codes, properties):
    print("GRANTED " + ",".join(str(code.value) for code in reason_codes), flush=True)
    print("READY", flush=True)


def on_message(client, userdata, message):
    if message.topic == "interop/py/shared":
        print("SHARED " + message.payload.decode(), flush=True)
        return
    props = message.properties
    answer = {
        "payload": message.payload.decode(),
        "user": dict(getattr(props, "UserProperty", [])),
        "contentType": getattr(props, "ContentType", None),
    }
    reply = Properties(PacketTypes.PUBLISH)
    reply.CorrelationData = props.CorrelationData
    info = client.publish(props.ResponseTopic, json.dumps(answer), qos=1, properties=reply)
    info.wait_for_publish(5)
    print("REPLIED", flush=True)
    done.set()


client.on_connect = on_connect
client.on_subscribe = on_subscribe
client.on_message = on_message
client.connect("127.0.0.1", port, keepalive=30)
client.loop_start()
ok = done.wait(20)
client.disconnect()
client.loop_stop()
sys.exit(0 if ok else 2)
