// MQTT.js (npm "mqtt") side of MqttJsInteropTest: subscribes over MQTT 5 (one plain and one shared
// subscription), prints READY, and answers the first request on its Response Topic with the same
// Correlation Data, echoing the request's user property and content type in its payload.
const path = require('path');
const mqtt = require(path.join(process.env.MQTTJS_HOME, 'node_modules', 'mqtt'));

const port = Number(process.argv[2]);
const client = mqtt.connect({ host: '127.0.0.1', port, protocolVersion: 5, clientId: 'mqttjs-interop',
  reconnectPeriod: 0, connectTimeout: 5000 });
const timer = setTimeout(() => { console.log('TIMEOUT'); process.exit(2); }, 20000);
client.on('error', (e) => { console.log('ERROR ' + e.message); process.exit(3); });
client.on('connect', () => {
  client.subscribe({ 'interop/js/request': { qos: 1 }, '$share/js/interop/js/shared': { qos: 1 } }, (err, granted) => {
    if (err) { console.log('ERROR ' + err.message); process.exit(4); }
    console.log('GRANTED ' + granted.map((g) => g.qos).join(','));
    console.log('READY');
  });
});
client.on('message', (topic, payload, packet) => {
  const props = packet.properties || {};
  if (topic === 'interop/js/shared') {
    console.log('SHARED ' + payload.toString());
    return;
  }
  const user = props.userProperties || {};
  const answer = JSON.stringify({ payload: payload.toString(), user, contentType: props.contentType || null });
  client.publish(props.responseTopic, answer,
    { qos: 1, properties: { correlationData: props.correlationData } }, () => {
      console.log('REPLIED');
      clearTimeout(timer);
      client.end(false, () => process.exit(0));
    });
});
