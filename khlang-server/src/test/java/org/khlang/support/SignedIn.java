package org.khlang.support;

import java.util.ArrayList;
import java.util.List;

import org.khlang.identity.KhlangUser;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/** A MockMvc request made by a person signed in completely (password and Soft Token), with the person's rights. */
public final class SignedIn {

    private SignedIn() {
    }

    public static RequestPostProcessor as(KhlangUser user) {
        List<SimpleGrantedAuthority> authorities = new ArrayList<>(user.rights().stream()
                .map(right -> new SimpleGrantedAuthority("ROLE_" + right)).toList());
        authorities.add(new SimpleGrantedAuthority("SIGNED_IN"));
        authorities.add(new SimpleGrantedAuthority("FACTOR_PASSWORD"));
        authorities.add(new SimpleGrantedAuthority("FACTOR_SOFT_TOKEN"));
        return authentication(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
    }
}
