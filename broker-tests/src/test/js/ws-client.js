// MQTT.js over WebSocket for WebSocketNodeClientTest: connects, subscribes, reports what arrives on stdout, answers
// the first message by publishing a reply, then disconnects.
// Usage: node ws-client.js URL PROTOCOL_VERSION SUBSCRIBE_TOPIC REPLY_TOPIC
// For wss:// URLs the environment variable CA_FILE names the PEM file of the CA that signed the broker's certificate.
const fs = require('fs');
const mqtt = require('mqtt');

const [url, version, subscribeTopic, replyTopic] = process.argv.slice(2);
const client = mqtt.connect(url, {
  protocolVersion: Number(version),
  clientId: 'mqttjs-' + version + '-' + process.pid,
  reconnectPeriod: 0,
  connectTimeout: 5000,
  ca: process.env.CA_FILE ? fs.readFileSync(process.env.CA_FILE) : undefined,
});
const giveUp = setTimeout(() => {
  console.log('TIMEOUT');
  process.exit(2);
}, 20000);

client.on('connect', () => {
  client.subscribe(subscribeTopic, { qos: 1 }, (err, granted) => {
    if (err) {
      console.log('ERROR ' + err.message);
      process.exit(1);
    }
    console.log('SUBSCRIBED ' + granted[0].qos);
  });
});
client.on('message', (topic, payload) => {
  console.log('MESSAGE ' + topic + ' ' + payload.toString());
  client.publish(replyTopic, 'reply from MQTT.js ' + version, { qos: 1 }, (err) => {
    console.log(err ? 'ERROR ' + err.message : 'PUBLISHED');
    client.end(false, () => {
      clearTimeout(giveUp);
      process.exit(0);
    });
  });
});
client.on('error', (err) => {
  console.log('ERROR ' + err.message);
  process.exit(1);
});
