package io.twobrains.oidc;

import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in page of the dev provider: a user name and password form, and the demo users listed
 * with their roles and password, one button each, so a developer signs in without looking anything up.
 */
@RestController
class LoginPageController {

    static final String PATH = "/login";

    private final DevOidcProperties properties;

    LoginPageController(DevOidcProperties properties) {
        this.properties = properties;
    }

    @GetMapping(value = PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        String csrfField = csrf == null ? "" : "<input type=\"hidden\" name=\"" + escape(csrf.getParameterName())
                + "\" value=\"" + escape(csrf.getToken()) + "\">";
        String notice = request.getParameter("error") != null
                ? "<p class=\"error\" role=\"alert\">That user name and password do not match a demo user.</p>"
                : request.getParameter("logout") != null ? "<p role=\"status\">You are signed out.</p>" : "";
        String users = properties.demoUsers().stream().map(user -> """
                <li><form method="post" action="%s">%s
                <input type="hidden" name="username" value="%s"><input type="hidden" name="password" value="%s">
                <button type="submit">Sign in as <b>%s</b></button> <span>%s</span></form></li>"""
                .formatted(PATH, csrfField, escape(user.username()), escape(user.password()), escape(user.username()),
                        user.roles().isEmpty() ? "" : "roles: " + escape(String.join(", ", user.roles()))))
                .collect(Collectors.joining("\n"));
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Sign in – twobrains dev provider</title>
                <style>
                body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1d2430}
                h1{font-size:1.4rem} label{display:block;margin:.6rem 0 .2rem} input[type=text],input[type=password]{width:100%%;padding:.5rem;box-sizing:border-box}
                button{padding:.45rem .9rem;margin-top:.6rem;cursor:pointer} ul{list-style:none;padding:0} li form{display:flex;gap:.6rem;align-items:baseline}
                .error{color:#a4161a} section{border-top:1px solid #ccd;margin-top:1.5rem} span{color:#556}
                </style></head><body><main>
                <h1>Sign in to twobrains</h1>
                <p>The local development provider. Never deploy it.</p>
                %s
                <form method="post" action="%s">%s
                <label for="username">User name</label><input id="username" name="username" type="text" autocomplete="username" autofocus required>
                <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
                <button type="submit">Sign in</button>
                </form>
                <section aria-labelledby="demo-users"><h2 id="demo-users">Demo users</h2>
                <p>Password: <code>%s</code> unless configured otherwise.</p>
                <ul>%s</ul></section>
                </main></body></html>
                """.formatted(notice, PATH, csrfField, escape(DevOidcProperties.DEMO_PASSWORD), users);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.TEXT_HTML).body(html);
    }

    private static String escape(String value) {
        return HtmlUtils.htmlEscape(value);
    }
}
