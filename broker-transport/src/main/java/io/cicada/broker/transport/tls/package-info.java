/**
 * TLS for listeners: settings, the server {@code SslContext} (JDK or BoringSSL), client certificates with CRLs,
 * certificate hot reload, and the certificate identity as user name.
 */
package io.cicada.broker.transport.tls;
