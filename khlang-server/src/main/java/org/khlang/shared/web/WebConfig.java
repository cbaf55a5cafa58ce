package org.khlang.shared.web;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/** Thai first: the language is Thai until a person switches (the {@code lang} parameter, kept in a cookie). */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    /** The version of the html5-qrcode webjar on the class path, read from the webjar's own Maven properties. */
    static final String HTML5_QRCODE = webjarVersion("org.webjars.npm", "html5-qrcode");

    /** Khlang's users and the treasury's deadlines live in Thailand's time zone. */
    public static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("khlang-lang");
        resolver.setDefaultLocale(Messages.THAI);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSecure(false);
        resolver.setCookieHttpOnly(true);
        return resolver;
    }

    @Override
    public void addViewControllers(org.springframework.web.servlet.config.annotation.ViewControllerRegistry registry) {
        registry.addRedirectViewController("/authenticator", "/authenticator/index.html");
        registry.addRedirectViewController("/authenticator/", "/authenticator/index.html");
    }

    /**
     * The pages' style sheet, script, images and fonts (Sarabun's style sheet names its faces, rewritten the same
     * way) are named by their content (khlang-3f2a…9c.css, written into the
     * pages by {@link ResourceUrlEncodingFilter}) and kept by the browser for a year: a new release has new names.
     * Without this every page fetched all three again (Spring Security's default is no-store): three requests more
     * per page on a slow rural link, and about 0.7 ms of server CPU each (docs/benchmarks.md).
     */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        for (String folder : new String[] {"css", "js", "img", "fonts"}) {
            registry.addResourceHandler("/" + folder + "/**")
                    .addResourceLocations("classpath:/static/" + folder + "/")
                    .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                    .resourceChain(true)
                    .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"))
                    .addTransformer(new org.springframework.web.servlet.resource.CssLinkResourceTransformer());
        }
        // The phone's authenticator keeps its own file names (its page names them); the phone asks whether they
        // changed (304 when not), so a new release reaches it at once.
        registry.addResourceHandler("/authenticator/**").addResourceLocations("classpath:/static/authenticator/")
                .setCacheControl(CacheControl.noCache()).resourceChain(true);
        // Its QR decoder, from the webjar of html5-qrcode (the version is the webjar's, named once in the pom).
        registry.addResourceHandler("/authenticator/lib/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/html5-qrcode/" + HTML5_QRCODE + "/")
                .setCacheControl(CacheControl.noCache()).resourceChain(true);
    }

    /** Writes the content-named addresses of the files above into the pages (Thymeleaf's @{...} links). */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        return new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
    }

    /**
     * Uploads over the limits are refused before any filter reads a parameter: after the session filter (order
     * {@code Integer.MIN_VALUE + 50}), so that the error page knows who is signed in, and before Spring Security's
     * ({@code -100}), whose CSRF check is the first to read the form.
     */
    @Bean
    FilterRegistrationBean<UploadLimits> uploadLimits() {
        FilterRegistrationBean<UploadLimits> registration = new FilterRegistrationBean<>(new UploadLimits());
        registration.setOrder(-1000);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor);
    }

    @Bean
    Clock clock() {
        return Clock.system(BANGKOK);
    }

    static String webjarVersion(String group, String artifact) {
        String path = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (java.io.InputStream in = WebConfig.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("webjar " + group + ":" + artifact + " is not on the class path");
            }
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (java.io.IOException unreadable) {
            throw new IllegalStateException("cannot read " + path, unreadable);
        }
    }
}
