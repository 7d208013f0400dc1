package dev.dbcheck.sql;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.types.MethodMatcher;
import dev.dbcheck.types.TypeResolver;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The library calls that run SQL or JPQL text, matched by the receiver's declared type: JDBC, Spring
 * {@code JdbcTemplate}/{@code NamedParameterJdbcTemplate}/{@code JdbcClient}, JPA and Hibernate.
 */
final class SqlSinks {

    private static final String SPRING_JDBC = "org.springframework.jdbc.core.";

    private static final String[] TEMPLATE_METHODS = {"update", "batchUpdate", "execute", "query",
        "queryForObject", "queryForList", "queryForMap", "queryForRowSet", "queryForStream"};

    private static final String[] JPA_TYPES = {"jakarta.persistence.EntityManager", "javax.persistence.EntityManager",
        "org.hibernate.SharedSessionContract"};

    /**
     * A call that runs text.
     *
     * @param everyArgument whether every argument (not only the first) is a statement
     * @param jpql whether the text is JPQL/HQL rather than SQL
     */
    record Sink(MethodMatcher matcher, boolean everyArgument, boolean jpql) {}

    private static final List<Sink> SINKS = List.of(
            sql(MethodMatcher.instanceMethod().onSubtypeOf("java.sql.Statement")
                    .named("execute", "executeUpdate", "executeLargeUpdate", "executeQuery", "addBatch")),
            sql(MethodMatcher.instanceMethod().onSubtypeOf("java.sql.Connection")
                    .named("prepareStatement", "prepareCall")),
            // batchUpdate(String... sql): every argument is a statement.
            new Sink(MethodMatcher.instanceMethod().onSubtypeOf(SPRING_JDBC + "JdbcOperations").named("batchUpdate")
                    .withArgumentCount(n -> n >= 2), true, false),
            sql(MethodMatcher.instanceMethod().onSubtypeOf(SPRING_JDBC + "JdbcOperations").named(TEMPLATE_METHODS)),
            sql(MethodMatcher.instanceMethod().onSubtypeOf(SPRING_JDBC + "namedparam.NamedParameterJdbcOperations")
                    .named(TEMPLATE_METHODS)),
            new Sink(MethodMatcher.instanceMethod().onSubtypeOf(SPRING_JDBC + "simple.JdbcClient").named("sql")
                    .withArgumentCount(1), false, false),
            sql(MethodMatcher.instanceMethod().onSubtypeOf(JPA_TYPES)
                    .named("createNativeQuery", "createNativeMutationQuery", "createSQLQuery")),
            new Sink(MethodMatcher.instanceMethod().onSubtypeOf(JPA_TYPES)
                    .named("createQuery", "createMutationQuery", "createSelectionQuery")
                    .withArgumentCount(n -> n >= 1), false, true));

    private static final Set<String> NAMES = names();

    private SqlSinks() {}

    private static Sink sql(MethodMatcher matcher) {
        return new Sink(matcher.withArgumentCount(n -> n >= 1), false, false);
    }

    /** The sink {@code call} is, if any. */
    static Optional<Sink> of(MethodCallExpr call, TypeResolver types) {
        if (!NAMES.contains(call.getNameAsString())) {
            return Optional.empty();
        }
        return SINKS.stream().filter(s -> s.matcher().matches(call, types)).findFirst();
    }

    private static Set<String> names() {
        Set<String> names = new HashSet<>();
        SINKS.forEach(s -> names.addAll(s.matcher().names()));
        return Set.copyOf(names);
    }
}
