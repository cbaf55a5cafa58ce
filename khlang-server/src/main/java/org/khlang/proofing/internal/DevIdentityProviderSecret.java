package org.khlang.proofing.internal;

/** The client secret Khlang uses at the development provider: random per start, never configured or logged. */
record DevIdentityProviderSecret(String value) {

    @Override
    public String toString() {
        return "DevIdentityProviderSecret[hidden]";
    }
}
