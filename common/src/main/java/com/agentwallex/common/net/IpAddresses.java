package com.agentwallex.common.net;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/**
 * One spelling per address. An IPv6 client reached us written however its last hop wrote it (the
 * JDK's {@code 2001:db8:0:0:0:0:0:1}, a proxy's {@code 2001:db8::1}), so the same client could be two
 * strings in the audit log, and a tenant filtering by one spelling missed the other.
 */
public final class IpAddresses {

    private IpAddresses() {
    }

    /**
     * RFC 5952 for IPv6 (lower case, the longest run of zeros compressed), the dotted quad for IPv4;
     * a text that is no address stays as it is.
     */
    public static String canonical(String ip) {
        if (ip == null) {
            return null;
        }
        IPAddress address = new IPAddressString(ip).getAddress();
        return address == null ? ip : address.toCanonicalString();
    }

    /** The JDK's spelling (IPv6 uncompressed), as events recorded connections' addresses before they were canonical. */
    public static String jdkSpelling(String ip) {
        IPAddress address = ip == null ? null : new IPAddressString(ip).getAddress();
        return address == null ? ip : address.toInetAddress().getHostAddress();
    }
}
