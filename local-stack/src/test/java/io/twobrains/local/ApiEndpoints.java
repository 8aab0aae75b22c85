package io.twobrains.local;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every endpoint the door leads to, read from the mapping annotations of the API controllers on the
 * classpath, so a sweep over all endpoints fails when a new one appears that it does not cover. The
 * door routes all of {@code /api/**} to these two packages and nothing else that holds user data.
 */
final class ApiEndpoints {

    static final Set<String> PACKAGES = Set.of("io.twobrains.command.api", "io.twobrains.query.api");

    private ApiEndpoints() {
    }

    /** {@code "METHOD /path/{var}"} of every handler method. */
    static Set<String> all() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        Set<String> endpoints = new TreeSet<>();
        for (String basePackage : PACKAGES) {
            for (BeanDefinition controller : scanner.findCandidateComponents(basePackage)) {
                endpoints.addAll(endpointsOf(load(controller.getBeanClassName())));
            }
        }
        if (endpoints.isEmpty()) {
            throw new IllegalStateException("no controllers found in " + PACKAGES);
        }
        return endpoints;
    }

    /** The endpoint a concrete request reaches, like {@code "GET /api/conversations/{id}"}, or null. */
    static String matching(Set<String> endpoints, String method, String path) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return endpoints.stream()
                .filter(endpoint -> (method + " " + bare).matches(endpoint.replaceAll("\\{[^}]+}", "[^/]+")))
                .findFirst().orElse(null);
    }

    private static Set<String> endpointsOf(Class<?> controller) {
        RequestMapping base = AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
        String prefix = base == null || base.path().length == 0 ? "" : base.path()[0];
        Set<String> endpoints = new TreeSet<>();
        for (Method method : controller.getDeclaredMethods()) {
            RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
            if (mapping == null) {
                continue;
            }
            String[] paths = mapping.path().length == 0 ? new String[] {""} : mapping.path();
            for (var verb : mapping.method()) {
                for (String path : paths) {
                    endpoints.add(verb.name() + " " + prefix + path);
                }
            }
        }
        return endpoints;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
