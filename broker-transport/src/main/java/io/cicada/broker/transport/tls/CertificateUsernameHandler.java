package io.cicada.broker.transport.tls;

import io.cicada.mqtt.packet.Connect;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;

/**
 * Replaces the user name and password of a CONNECT with the verified client certificate's identity, as Mosquitto's
 * {@code use_identity_as_username} (the subject's CN) and {@code use_subject_as_username} (the whole subject, RFC 2253)
 * do. The password is dropped: the certificate already proved who the client is. One per channel; touched only by the
 * channel's event loop, which has finished the handshake before any CONNECT is decoded.
 */
final class CertificateUsernameHandler extends ChannelInboundHandlerAdapter {

    private final TlsSettings.CertificateUsername mode;

    CertificateUsernameHandler(TlsSettings.CertificateUsername mode) {
        this.mode = mode;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Connect connect) {
            String identity = identity(ctx);
            if (identity == null) {
                // The listener requires a certificate, so this only happens when it has no usable subject.
                ctx.close();
                return;
            }
            msg = new Connect(
                    connect.version(),
                    connect.clientId(),
                    connect.cleanStart(),
                    connect.keepAliveSeconds(),
                    identity,
                    null,
                    connect.will(),
                    connect.properties());
        }
        ctx.fireChannelRead(msg);
    }

    private String identity(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return null;
        }
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                return null;
            }
            return identityOf(leaf.getSubjectX500Principal(), mode);
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** The CN (the most specific, leftmost in RFC 2253, when there are several) or the RFC 2253 subject; null without CN. */
    static String identityOf(X500Principal subject, TlsSettings.CertificateUsername mode) {
        String dn = subject.getName(X500Principal.RFC2253);
        if (mode == TlsSettings.CertificateUsername.SUBJECT) {
            return dn;
        }
        try {
            String cn = null;
            for (Rdn rdn : new LdapName(dn).getRdns()) { // index 0 is the rightmost RDN: the leftmost CN wins
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = String.valueOf(rdn.getValue());
                }
            }
            return cn;
        } catch (InvalidNameException e) {
            return null;
        }
    }
}
