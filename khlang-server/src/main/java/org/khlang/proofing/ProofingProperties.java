package org.khlang.proofing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The identity provider and what its ID tokens must show.
 *
 * @param providerName     shown to people, e.g. "เป๋าตัง (Krungthai)"
 * @param issuer           the provider's issuer URI (OpenID discovery at issuer/.well-known/openid-configuration)
 * @param clientId         Khlang's client id at the provider
 * @param clientSecret     Khlang's client secret at the provider
 * @param citizenIdClaim   the ID token claim that carries the citizen ID
 * @param levelClaim       the ID token claim that carries the identity assurance level
 * @param minimumLevel     the lowest acceptable level (ETDA IAL 2.3 by default)
 * @param validFor         how long a proofing may wait to be used for binding a device
 * @param devProvider      run the development identity provider (dev and test profiles only)
 * @param devProviderPort  its port (0: any free port)
 */
@ConfigurationProperties("khlang.proofing")
public record ProofingProperties(@DefaultValue("เป๋าตัง") String providerName,
                                 String issuer,
                                 @DefaultValue("khlang") String clientId,
                                 String clientSecret,
                                 @DefaultValue("citizen_id") String citizenIdClaim,
                                 @DefaultValue("ial") String levelClaim,
                                 @DefaultValue("2.3") String minimumLevel,
                                 @DefaultValue("24h") Duration validFor,
                                 @DefaultValue("false") boolean devProvider,
                                 @DefaultValue("9000") int devProviderPort) {
}
