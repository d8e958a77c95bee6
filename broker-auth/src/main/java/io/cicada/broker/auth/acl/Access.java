package io.cicada.broker.auth.acl;

/** What an ACL line grants or refuses, as Mosquitto spells it. */
enum Access {
    READ,
    WRITE,
    READWRITE,
    DENY;

    boolean allowsRead() {
        return this == READ || this == READWRITE;
    }

    boolean allowsWrite() {
        return this == WRITE || this == READWRITE;
    }
}
