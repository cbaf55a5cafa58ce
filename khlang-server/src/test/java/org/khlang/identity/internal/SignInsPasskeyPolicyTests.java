package org.khlang.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.authority.Right;
import org.khlang.identity.KhlangUser;
import org.khlang.softtoken.SoftTokenProperties;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which rights a sign-in carries under the passkey policy (NIST SP 800-63B-4: staff who manage credentials use a
 * phishing-resistant authenticator), without Spring: staff rights need a passkey, agency rights the Soft Token.
 */
@Tag("AAL2")
@Tag("R5")
class SignInsPasskeyPolicyTests {

    private final SignIns signIns = new SignIns(new SoftTokenProperties(Duration.ofMinutes(10),
            Duration.ofSeconds(120), Duration.ofMinutes(5), 5, Duration.ofMinutes(10), Duration.ofSeconds(60), true,
            null, false, LocalDate.of(2025, 2, 10), LocalDate.of(2025, 4, 11), LocalDate.of(2025, 1, 6), 10,
            Duration.ofMinutes(15), 100), Clock.systemUTC(),
            new PasskeyPolicy.Configured(EnumSet.of(Right.REGISTRAR, Right.SYSTEM_ADMIN, Right.HELPDESK)));

    private static KhlangUser holding(Right... rights) {
        Set<String> names = new java.util.HashSet<>();
        for (Right right : rights) {
            names.add(right.name());
        }
        return new KhlangUser(1, 1, "someone", "ทดสอบ", "Test", null, names, Set.of());
    }

    private static Set<String> authorities(Authentication authentication) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void staffRightsNeedAPasskeyAndSayWhyWhenWithheld() {
        Set<String> withoutPasskey = authorities(signIns.complete(holding(Right.REGISTRAR, Right.INTERNAL_AUDITOR),
                true, false));
        assertThat(withoutPasskey).doesNotContain("ROLE_REGISTRAR").contains("ROLE_INTERNAL_AUDITOR",
                SignIns.PASSKEY_REQUIRED);

        Set<String> withPasskey = authorities(signIns.complete(holding(Right.REGISTRAR), true, true));
        assertThat(withPasskey).contains("ROLE_REGISTRAR", SignIns.FACTOR_PASSKEY)
                .doesNotContain(SignIns.PASSKEY_REQUIRED);
    }

    @Test
    void aLostOnlyPasskeyLeavesStaffRightsOnThePhoneAloneButNeverOnThePasswordAlone() {
        Set<String> onThePhone = authorities(signIns.complete(holding(Right.REGISTRAR), true, false, true));
        assertThat(onThePhone).contains("ROLE_REGISTRAR", SignIns.PASSKEY_REPLACEMENT)
                .doesNotContain(SignIns.PASSKEY_REQUIRED, SignIns.FACTOR_PASSKEY);
        Set<String> passwordOnly = authorities(signIns.complete(holding(Right.REGISTRAR), false, false, true));
        assertThat(passwordOnly).doesNotContain("ROLE_REGISTRAR").contains(SignIns.PASSKEY_REQUIRED);
        Set<String> withANewPasskey = authorities(signIns.complete(holding(Right.REGISTRAR), true, true, true));
        assertThat(withANewPasskey).contains("ROLE_REGISTRAR").doesNotContain(SignIns.PASSKEY_REPLACEMENT);
    }

    @Test
    void agencyRightsStillNeedThePhoneAndNoPasskey() {
        assertThat(authorities(signIns.complete(holding(Right.RECORDER), true, false))).contains("ROLE_RECORDER")
                .doesNotContain(SignIns.PASSKEY_REQUIRED);
        assertThat(authorities(signIns.complete(holding(Right.RECORDER), false, true))).doesNotContain("ROLE_RECORDER")
                .contains(SignIns.SOFT_TOKEN_REQUIRED);
    }

    @Test
    void anEmptyPolicyRequiresNoPasskey() {
        SignIns optional = new SignIns(null, Clock.systemUTC(), new PasskeyPolicy.Configured(Set.of()));
        assertThat(optional.passkeyRequiredFor(Right.REGISTRAR)).isFalse();
    }
}
