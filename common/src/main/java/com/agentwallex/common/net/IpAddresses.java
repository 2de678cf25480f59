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
     * RFC 5952 for IPv6 (lower case, the longest run of zeros compressed), the dotted quad for IPv4 and
     * for an IPv4-mapped IPv6 address (the same client over a dual-stack socket); a text that is no
     * address stays as it is.
     */
    public static String canonical(String ip) {
        if (ip == null || ip.indexOf(':') < 0) {
            return ip; // IPv4 as a connection or a proxy gives it is already the dotted quad: every request's case, kept cheap
        }
        IPAddress address = new IPAddressString(ip).getAddress();
        if (address == null) {
            return ip;
        }
        if (address.isIPv6() && address.toIPv6().isIPv4Mapped()) {
            return address.toIPv6().getEmbeddedIPv4Address().toCanonicalString();
        }
        return address.toCanonicalString();
    }

    /** The JDK's spelling (IPv6 uncompressed), as events recorded connections' addresses before they were canonical. */
    public static String jdkSpelling(String ip) {
        IPAddress address = ip == null ? null : new IPAddressString(ip).getAddress();
        try {
            return address == null ? ip : address.toInetAddress().getHostAddress();
        } catch (RuntimeException e) {
            return ip; // a zone the JDK cannot resolve: no other spelling
        }
    }
}
