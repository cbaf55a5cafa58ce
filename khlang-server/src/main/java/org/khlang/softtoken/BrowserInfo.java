package org.khlang.softtoken;

/** Where a login comes from, shown on the phone so the person can tell a stranger's attempt from their own. */
public record BrowserInfo(String ipAddress, String userAgent) {

    public BrowserInfo {
        ipAddress = cut(ipAddress, 64);
        userAgent = cut(userAgent, 300);
    }

    private static String cut(String value, int length) {
        if (value == null) {
            return "";
        }
        return value.length() > length ? value.substring(0, length) : value;
    }
}
