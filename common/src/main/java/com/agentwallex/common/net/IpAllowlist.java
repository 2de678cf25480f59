package com.agentwallex.common.net;

import com.agentwallex.contract.problem.InvalidParameterException;
import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv6.IPv6Address;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The networks a key may be used from: IPv4 and IPv6 CIDRs or single addresses. A client at an
 * IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) is judged by its IPv4 address, so a dual-stack
 * listener cannot smuggle a client past (or out of) an IPv4 range.
 */
public final class IpAllowlist {

    public static final int MAX_ENTRIES = 100;
    public static final IpAllowlist EMPTY = new IpAllowlist(List.of());

    /** Only plain addresses and prefixes: no wildcards, ranges, masks, "all", empty or inet_aton forms. */
    private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowMask(false).allowPrefixOnly(false)
            .allowWildcardedSeparator(false).setRangeOptions(RangeParameters.NO_RANGE).allow_inet_aton(false)
            .getIPv4AddressParametersBuilder().allowLeadingZeros(false).getParentBuilder()
            .toParams();

    private final List<IPAddress> networks;

    private IpAllowlist(List<IPAddress> networks) {
        this.networks = networks;
    }

    /** Validates what a user typed; each bad entry is a 400 naming it. */
    public static IpAllowlist parse(List<String> entries) {
        if (entries == null || entries.isEmpty()) {
            return EMPTY;
        }
        if (entries.size() > MAX_ENTRIES) {
            throw new InvalidParameterException("ip_allowlist", "ip_allowlist holds at most " + MAX_ENTRIES + " entries");
        }
        Set<IPAddress> networks = new LinkedHashSet<>();
        for (String entry : entries) {
            networks.add(network(entry));
        }
        return new IpAllowlist(List.copyOf(networks));
    }

    /** Rebuilds a list stored by {@link #canonical()}; it was validated when it was written. */
    public static IpAllowlist fromStored(String[] stored) {
        return stored == null || stored.length == 0 ? EMPTY : parse(List.of(stored));
    }

    private static IPAddress network(String entry) {
        // Echo only what could be an address: a key pasted into the wrong field is never repeated back.
        String shown = entry != null && entry.length() <= 64 && entry.matches("[0-9A-Fa-f.:/ ]*") ? entry : "(not shown)";
        if (entry == null || entry.length() > 64) {
            throw new InvalidParameterException("ip_allowlist", "not an IP address or CIDR: " + shown);
        }
        IPAddress address;
        try {
            address = new IPAddressString(entry.trim(), STRICT).toAddress();
        } catch (AddressStringException e) {
            throw new InvalidParameterException("ip_allowlist", "not an IP address or CIDR: " + shown);
        }
        if (address.isPrefixed() && !address.isSinglePrefixBlock()) {
            throw new InvalidParameterException("ip_allowlist", shown + " has host bits set; did you mean "
                    + address.toPrefixBlock().toCanonicalString() + "?");
        }
        return normalise(address.isPrefixed() ? address : address.withoutPrefixLength());
    }

    /** A client address as a caller reports it; empty when it is not a single IP address. */
    public static Optional<IPAddress> client(String ip) {
        if (ip == null || ip.isEmpty() || ip.length() > 64) {
            return Optional.empty();
        }
        IPAddress address = new IPAddressString(ip, STRICT).getAddress();
        if (address == null || address.isPrefixed() || address.isMultiple()) {
            return Optional.empty();
        }
        return Optional.of(normalise(address));
    }

    private static IPAddress normalise(IPAddress address) {
        if (address.isIPv6()) {
            IPv6Address v6 = address.toIPv6();
            if (v6.isIPv4Mapped()) {
                Integer prefix = v6.getNetworkPrefixLength();
                if (prefix == null) {
                    return v6.getEmbeddedIPv4Address();
                }
                if (prefix >= 96) {
                    return v6.getEmbeddedIPv4Address().setPrefixLength(prefix - 96, false).toPrefixBlock();
                }
            }
        }
        return address;
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    public int size() {
        return networks.size();
    }

    /** An empty list allows everyone; otherwise the client must be inside one of the networks. */
    public boolean allows(IPAddress client) {
        if (networks.isEmpty()) {
            return true;
        }
        if (client == null) {
            return false;
        }
        for (IPAddress network : networks) {
            if (network.getIPVersion() == client.getIPVersion() && network.contains(client)) {
                return true;
            }
        }
        return false;
    }

    /** Canonical text, as stored and shown: {@code 10.0.0.0/24}, {@code 2001:db8::/32}, {@code 192.0.2.7}. */
    public String[] canonical() {
        List<String> out = new ArrayList<>(networks.size());
        for (IPAddress network : networks) {
            out.add(network.toCanonicalString());
        }
        return out.toArray(String[]::new);
    }
}
