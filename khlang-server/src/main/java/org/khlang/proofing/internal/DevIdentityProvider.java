package org.khlang.proofing.internal;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.khlang.proofing.ProofingProperties;
import org.khlang.shared.CitizenId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Starts the development identity provider (a stand-in for เป๋าตัง) next to Khlang, with the test identities the
 * README lists. Refused outside the dev and test profiles: production must prove identities at a real provider.
 */
@Component
@ConditionalOnBooleanProperty("khlang.proofing.dev-provider")
public class DevIdentityProvider implements DisposableBean {

    /** Every test identity's password at the development provider. */
    public static final String PASSWORD = "Lotus-Pond-2568";

    private static final Logger log = LoggerFactory.getLogger(DevIdentityProvider.class);

    private final DevIdentities identities = new DevIdentities();
    private final DevIdentityProviderSecret secret;
    private final ConfigurableApplicationContext context;
    private final String issuer;

    DevIdentityProvider(ProofingProperties properties, Environment environment) {
        if (Arrays.stream(environment.getActiveProfiles()).noneMatch(p -> p.equals("dev") || p.equals("test"))) {
            throw new IllegalStateException("khlang.proofing.dev-provider is for the dev and test profiles only;"
                    + " production proves identities at the real provider (khlang.proofing.issuer)");
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.secret = new DevIdentityProviderSecret(java.util.HexFormat.of().formatHex(random));
        addDemoIdentities();
        Map<String, Object> settings = new HashMap<>();
        settings.put("server.port", properties.devProviderPort());
        settings.put("spring.config.name", "dev-identity-provider");
        settings.put("spring.main.banner-mode", "off");
        settings.put("spring.autoconfigure.exclude", String.join(",",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
                "org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration",
                "org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration"));
        settings.put("management.server.port", "-1");
        settings.put("management.endpoints.web.exposure.exclude", "*");
        settings.put("spring.thymeleaf.check-template-location", "false");
        settings.put("spring.modulith.runtime.verification-enabled", "false");
        settings.put("server.servlet.session.cookie.name", "DEV_IDP_SESSION");
        settings.put("server.servlet.session.tracking-modes", "cookie");
        this.context = new SpringApplicationBuilder(DevIdentityProviderServer.class)
                .web(WebApplicationType.SERVLET).properties(settings).logStartupInfo(false)
                .initializers(child -> {
                    child.getBeanFactory().registerSingleton("devIdentities", identities);
                    child.getBeanFactory().registerSingleton("devIdentityProviderSecret", secret);
                })
                .run();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.issuer = "http://localhost:" + port;
        log.info("Development identity provider (stand-in for {}) at {}", properties.providerName(), issuer);
    }

    public String issuer() {
        return issuer;
    }

    String clientSecret() {
        return secret.value();
    }

    /** Lets the provider send people back to this Khlang. */
    public void allowRedirect(String uri) {
        identities.allowRedirect(uri);
    }

    /** Adds a test identity (tests use this for people they create). */
    public void addIdentity(String username, String citizenId, String level, String name) {
        identities.add(new DevIdentities.Identity(username, PASSWORD, citizenId, level, name));
    }

    private void addDemoIdentities() {
        addIdentity("malee", id("330000000101"), "2.3", "มาลี ศรีสุข");
        addIdentity("prasert", id("330000000102"), "2.3", "ประเสริฐ ทองดี");
        addIdentity("wanphen", id("330000000103"), "2.3", "วันเพ็ญ แก้วมณี");
        addIdentity("somchai", id("330000000104"), "2.3", "สมชาย รักดี");
        addIdentity("thana", id("330000000105"), "2.3", "ธนา ทดสอบ");
        addIdentity("boonmee", id("330000000106"), "2.3", "บุญมี ใจกว้าง");
        addIdentity("adisorn", id("110000000001"), "2.3", "อดิศร ดูแลดี");
        addIdentity("kanda", id("110000000002"), "2.3", "กานดา บัญชีกลาง");
        addIdentity("suda", id("130000000003"), "2.3", "สุดา คลังจังหวัด");
        addIdentity("impostor", "1101700230708", "2.3", "ผู้อื่น ไม่ตรงตัว");
        addIdentity("low.assurance", id("330000000101"), "1.2", "มาลี ศรีสุข (IAL 1.2)");
    }

    private static String id(String twelveDigits) {
        return CitizenId.completing(twelveDigits).value();
    }

    @Override
    public void destroy() {
        context.close();
    }
}
