package dev.dbcheck.cache;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.dbcheck.flow.ValueFlow;
import dev.dbcheck.types.Annotations;
import dev.dbcheck.types.ConstantEvaluator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Key contention: whether a cache key is built from the signed-in user ({@link KeyKind#PER_PRINCIPAL}), so that
 * only that user's own concurrent requests can miss it together, or is the same for many users
 * ({@link KeyKind#SHARED}). Read from a {@code @Cacheable} annotation's SpEL {@code key} (or, without one, the
 * method's parameters, Spring's default key) and from a cache-aside read's key expression and what builds it.
 *
 * <p>Per-principal: a part of the key comes from the security context or a login helper
 * ({@code SecurityContextHolder}, {@code getLoginUser()}, {@code StpUtil.getLoginId()}, {@code getPrincipal()},
 * {@code request.getSession()}, an {@code Authorization} header), or is a variable named for the principal: a
 * username or login name, a token, a session id, an OpenID, a name that says the user is the signed-in one
 * ({@code currentUserId}, {@code loginUser}). Anything else that the analysis sees is shared:
 * constants, a method without parameters (one key for every caller), codes, types, configuration keys, tenant
 * and client ids, entity ids. A tenant part beside a principal part leaves the key per-principal.
 */
public final class CacheKeys {

    private CacheKeys() {}

    /** The key's kind and, in words, why: the message and the headline say it. */
    public record Classified(KeyKind kind, String reason) {
        static Classified of(KeyKind kind, String reason) {
            return new Classified(kind, reason);
        }
    }

    /** Calls that return the signed-in user or something only that user's requests carry. */
    static final Set<String> PRINCIPAL_CALLS = Set.of("getLoginUser", "getLoginUserId", "getLoginUsername",
            "getLoginUserName", "getLoginId", "getLoginIdAsLong", "getLoginIdAsString", "getLoginIdAsInt",
            "getCurrentUser", "getCurrentUserId", "getCurrentUsername", "getCurrentUserName", "getAuthentication",
            "getPrincipal", "getUserPrincipal", "getRemoteUser", "getSession", "getTokenValue", "getTokenInfo");

    /** Classes whose every call is about the signed-in user. */
    static final Set<String> PRINCIPAL_HOLDERS = Set.of("SecurityContextHolder", "StpUtil", "LoginHelper",
            "SecurityFrameworkUtils", "ReactiveSecurityContextHolder");

    /** Words of a variable name that make it the principal (matched on the whole lower-cased name's end). */
    static final List<String> PRINCIPAL_NAMES = List.of("username", "loginname", "loginid", "loginuser", "principal",
            "authentication", "token", "sessionid", "session", "openid", "unionid", "jwt");

    /**
     * A name that says the user is the signed-in one ({@code currentUserId}, {@code loginUser}, {@code curMemberId}):
     * an id of <em>a</em> user ({@code userId}) is not, since it is as often another user's (a name shown beside a
     * row).
     */
    private static final Pattern PRINCIPAL_NAME = Pattern.compile(
            "(current|cur|login|loggedin|signedin|authenticated)(user|member|admin|account|customer|principal).*");

    /** Header names that carry the caller's credentials. */
    private static final Pattern CREDENTIAL_HEADER = Pattern.compile("(?i).*(authorization|token|session).*");

    private static final Pattern SPEL_VARIABLE = Pattern.compile("#(\\w+)");
    private static final Pattern SPEL_CALL = Pattern.compile("(\\w+)\\s*\\(");
    private static final Pattern SPEL_POSITION = Pattern.compile("[pa](\\d+)");
    private static final Set<String> SPEL_ROOT = Set.of("root", "result", "this");

    /**
     * The key of a {@code @Cacheable} (Spring, Micronaut) on {@code method}: its SpEL {@code key}, or without
     * one the method's parameters; unknown when a {@code keyGenerator} builds it.
     */
    public static Classified ofCacheable(AnnotationExpr annotation, MethodDeclaration method,
            ConstantEvaluator constants) {
        Optional<Expression> key = Annotations.member(annotation, "key");
        if (key.isEmpty()) {
            if (Annotations.member(annotation, "keyGenerator").isPresent()) {
                return Classified.of(KeyKind.UNKNOWN, "a key generator builds the key");
            }
            if (method.getParameters().isEmpty()) {
                return Classified.of(KeyKind.SHARED, "the method has no parameters, so every caller shares one key");
            }
            List<String> names = method.getParameters().stream().map(Parameter::getNameAsString).toList();
            return fromParts(names, List.of(), "the key is the method's parameters (" + String.join(", ", names) + ")");
        }
        String spel = constants.stringValue(key.get()).orElse(key.get().toString());
        List<String> variables = new ArrayList<>();
        Matcher m = SPEL_VARIABLE.matcher(spel);
        while (m.find()) {
            String name = m.group(1);
            if (SPEL_ROOT.contains(name)) {
                continue;
            }
            Matcher position = SPEL_POSITION.matcher(name);
            if (position.matches() && Integer.parseInt(position.group(1)) < method.getParameters().size()) {
                name = method.getParameter(Integer.parseInt(position.group(1))).getNameAsString();
            }
            variables.add(name);
        }
        List<String> calls = new ArrayList<>();
        Matcher c = SPEL_CALL.matcher(spel);
        while (c.find()) {
            calls.add(c.group(1));
        }
        for (String holder : PRINCIPAL_HOLDERS) {
            if (spel.contains(holder)) {
                calls.add(holder);
            }
        }
        String written = spel.length() > 60 ? spel.substring(0, 57) + "..." : spel;
        if (variables.isEmpty() && calls.stream().noneMatch(CacheKeys::isPrincipalCall)) {
            return Classified.of(KeyKind.SHARED, calls.isEmpty()
                    ? "the key is the constant " + written + ", one key for every caller"
                    : "the key " + written + " takes nothing from the caller, one key for every caller");
        }
        return fromParts(variables, calls, "the key is " + written);
    }

    /**
     * The key of a cache-aside read: the read's key argument and, through {@link ValueFlow#sources}, what builds
     * it (a {@code "menu:" + username}, a key variable assigned from a login helper).
     */
    public static Classified ofExpression(Expression key, ValueFlow flow) {
        Set<String> names = new LinkedHashSet<>();
        List<String> calls = new ArrayList<>();
        for (Expression source : flow.sources(key)) {
            for (NameExpr n : source.findAll(NameExpr.class)) {
                names.add(n.getNameAsString());
            }
            for (MethodCallExpr call : source.findAll(MethodCallExpr.class)) {
                calls.add(call.getNameAsString());
                call.getScope().filter(NameExpr.class::isInstance).map(Node::toString).ifPresent(calls::add);
                if (call.getNameAsString().equals("getHeader") && call.getArguments().size() == 1
                        && call.getArgument(0) instanceof StringLiteralExpr s
                        && CREDENTIAL_HEADER.matcher(s.getValue()).matches()) {
                    calls.add("getSession");
                }
            }
        }
        String written = key.toString();
        written = written.length() > 60 ? written.substring(0, 57) + "..." : written;
        return fromParts(new ArrayList<>(names), calls, "the key is " + written);
    }

    private static Classified fromParts(List<String> names, List<String> calls, String written) {
        for (String call : calls) {
            if (isPrincipalCall(call)) {
                return Classified.of(KeyKind.PER_PRINCIPAL, written + ", built from the signed-in user (" + call
                        + ")");
            }
        }
        for (String name : names) {
            if (isPrincipalName(name)) {
                return Classified.of(KeyKind.PER_PRINCIPAL, written + ": " + name
                        + " names the signed-in user, so only that user's own requests miss it together");
            }
        }
        return Classified.of(KeyKind.SHARED, written + ", the same key for every caller that asks for it");
    }

    static boolean isPrincipalCall(String name) {
        return PRINCIPAL_CALLS.contains(name) || PRINCIPAL_HOLDERS.contains(name);
    }

    static boolean isPrincipalName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return PRINCIPAL_NAMES.stream().anyMatch(lower::endsWith) || PRINCIPAL_NAME.matcher(lower).matches();
    }
}
