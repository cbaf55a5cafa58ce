package org.khlang.support;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's browser at the development identity provider, without a real browser: it follows the authorization
 * redirect to the provider's sign-in form, signs in as a test identity, and returns where the provider sends the
 * person back (Khlang's callback, with the code and state).
 */
public final class DevProviderClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** Signs in at the provider and returns the callback URL it redirects to. */
    public URI signIn(URI authorizationRequest, String username, String password) throws Exception {
        HttpResponse<String> toLogin = get(authorizationRequest);
        URI loginPage = authorizationRequest.resolve(toLogin.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> form = get(loginPage);
        Matcher csrf = CSRF.matcher(form.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the provider's sign-in page: " + form.statusCode() + " " + loginPage + " " + form.body());
        }
        String body = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(csrf.group(1));
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(loginPage)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        URI next = loginPage.resolve(signedIn.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> authorize = get(next);
        return next.resolve(authorize.headers().firstValue("Location").orElseThrow());
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
