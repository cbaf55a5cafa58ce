package org.khlang.risk.internal;

import java.util.regex.Pattern;

/** The network of an IP address as the sign-in rule compares them: IPv4 /24, IPv6 /48. No name is ever looked up. */
final class Networks {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private Networks() {
    }

    static String of(String address) {
        String ip = address.strip();
        var v4 = IPV4.matcher(ip);
        if (v4.matches()) {
            return v4.group(1) + "." + v4.group(2) + "." + v4.group(3) + ".0/24";
        }
        if (!ip.contains(":") || !ip.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        String[] halves = ip.split("::", -1);
        String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":");
        if (halves.length > 2 || (halves.length == 1 && head.length != 8)) {
            return null;
        }
        StringBuilder network = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            String group = i < head.length ? head[i] : "0";
            if (group.isEmpty() || group.length() > 4 || group.contains(".")) {
                return null;
            }
            network.append(i == 0 ? "" : ":").append(Integer.toHexString(Integer.parseInt(group, 16)));
        }
        return network.append("::/48").toString();
    }
}
