package dev.dbcheck.rules.cache;

import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import dev.dbcheck.model.MethodSummaries;
import dev.dbcheck.model.TypeRef;
import dev.dbcheck.types.MethodMatcher;
import dev.dbcheck.types.TypeResolver;
import dev.dbcheck.flow.ValueFlow;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The slower sources a cache miss loads from, for the cache rules: database and remote clients by type, MyBatis
 * mappers and Feign clients by annotation, repositories, DAOs and mappers by naming convention, and the
 * database calls that change data rather than read it.
 */
final class SlowSources {

    private SlowSources() {}


    /**
     * Types whose every call goes to a database. Cassandra: the DataStax driver 3's {@code Session} and driver 4's
     * {@code Session}, which {@code CqlSession} extends with {@code SyncCqlSession} and {@code AsyncCqlSession}
     * (apache/cassandra-java-driver: core/src/main/java/com/datastax/oss/driver/api/core/CqlSession.java).
     * MyBatis-Plus-Join's mappers and services extend MyBatis-Plus's (the type table, cache.types).
     */
    static final Set<String> DATABASE_TYPES = Set.of(
            "javax.sql.DataSource", "java.sql.Connection", "java.sql.Statement",
            "org.springframework.jdbc.core.JdbcOperations",
            "org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations",
            "org.springframework.jdbc.core.simple.JdbcClient",
            "jakarta.persistence.EntityManager", "javax.persistence.EntityManager", "org.hibernate.Session",
            "org.apache.ibatis.session.SqlSession", "org.jooq.DSLContext",
            "org.springframework.data.repository.Repository",
            "com.baomidou.mybatisplus.core.mapper.Mapper", "com.baomidou.mybatisplus.extension.service.IService",
            "software.amazon.awssdk.services.dynamodb.DynamoDbClient",
            "software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient",
            "software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable",
            "software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable",
            "software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex",
            "com.amazonaws.services.dynamodbv2.AmazonDynamoDB",
            "com.amazonaws.services.dynamodbv2.datamodeling.IDynamoDBMapper",
            "com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBTableMapper",
            "com.amazonaws.services.dynamodbv2.document.Table",
            "com.datastax.driver.core.Session", "com.datastax.oss.driver.api.core.session.Session");

    /** Types whose every call goes to another service over HTTP. */
    static final Set<String> REMOTE_TYPES = Set.of(
            "org.springframework.web.client.RestOperations", "org.springframework.web.client.RestClient",
            "org.springframework.web.reactive.function.client.WebClient", "java.net.http.HttpClient",
            "okhttp3.OkHttpClient", "org.apache.http.client.HttpClient",
            "org.apache.hc.client5.http.classic.HttpClient");

    /** A project's data-access types by naming convention: Spring Data repositories and DAOs. */
    static final List<String> REPOSITORY_SUFFIXES = List.of("Repository", "Dao", "DAO");

    /**
     * MyBatis mappers by convention ({@code *Mapper}) when they query ({@code selectById}, {@code findAll}),
     * which leaves out object mappers (Jackson, MapStruct conversions such as {@code toDto}).
     */
    static final String MAPPER_SUFFIX = "Mapper";
    static final List<String> QUERY_PREFIXES = List.of("select", "find", "get", "query", "load", "list", "count",
            "search", "fetch");
    static final List<String> OBJECT_MAPPER_PACKAGES = List.of("com.fasterxml.", "tools.jackson.", "org.mapstruct.",
            "org.modelmapper.", "ma.glasnost.", "com.github.dozermapper.", "org.dozer.");

    /**
     * Database calls that change data rather than load it ({@code save}, {@code update}, {@code persist}):
     * a miss branch that records something is not a load that a cache shields.
     */
    static final List<String> DATABASE_WRITE_PREFIXES = List.of("save", "insert", "update", "batchUpdate",
            "delete", "remove", "persist", "merge", "flush", "lock", "refresh");

    private static final Set<String> OBJECT_METHODS = Set.of("toString", "hashCode", "equals", "getClass");

    /** MyBatis's mapper annotation: a project interface carrying it queries the database. */
    static final String MYBATIS_MAPPER = "org.apache.ibatis.annotations.Mapper";

    /** Spring Cloud OpenFeign's client annotation: a project interface carrying it calls a remote service. */
    static final String FEIGN_CLIENT = "org.springframework.cloud.openfeign.FeignClient";

    /**
     * The JDBC connection's calls that send SQL; the others (its metadata, its settings, {@code isValid}) do not
     * query anything a cache would shield.
     */
    static final Set<String> CONNECTION_QUERIES = Set.of("prepareStatement", "prepareCall", "createStatement");
    private static final String JDBC_CONNECTION = "java.sql.Connection";

    /**
     * What kind of slower source {@code call} goes to ("database" or "remote service"), itself or through the
     * project methods it runs (their summaries, {@link MethodSummaries#MAX_DEPTH} deep).
     */
    static Optional<Load> slowSource(MethodCallExpr call, TypeResolver types, MethodSummaries summaries) {
        return summaries.effectsOf(call, types, LoadEffects.INSTANCE).stream().findFirst();
    }

    /** What a load of this source is, in words: "runs a database query", "calls a remote service". */
    static String what(String source) {
        return source.equals("database") ? "runs a database query" : "calls a remote service";
    }

    /** The {@code load} evidence of a source: {@code database} or {@code remote-service}. */
    static String evidence(String source) {
        return source.equals("database") ? "database" : "remote-service";
    }

    /** A load: the source, and the library call that does it (the call itself, or one inside a wrapper). */
    record Load(String source, String via) {}

    /**
     * What kind of slower source a library call goes to: by the receiver's type (project types through what
     * they extend, MyBatis {@code @Mapper} interfaces), for a call without a receiver through the library
     * supertypes of the enclosing class (MyBatis-Plus {@code ServiceImpl.getById}), and, for a type whose
     * implementation the project does not show, by the naming conventions of repositories, DAOs and mappers.
     */
    static Optional<String> librarySlowSource(MethodCallExpr call, TypeResolver types) {
        if (OBJECT_METHODS.contains(call.getNameAsString())) {
            return Optional.empty();
        }
        if (call.getScope().isEmpty() || call.getScope().get() instanceof ThisExpr) {
            return inheritedSource(call, types);
        }
        Expression scope = call.getScope().get();
        if (types.typeReferencedBy(scope).isPresent()) {
            return Optional.empty();
        }
        Optional<String> type = types.typeOf(scope);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        String t = type.get();
        if (types.isSubtype(t, JDBC_CONNECTION) && !CONNECTION_QUERIES.contains(call.getNameAsString())) {
            return Optional.empty();
        }
        if (types.isSubtypeOfAny(t, DATABASE_TYPES)
                || types.model().type(t).filter(p -> p.annotations().contains(MYBATIS_MAPPER)).isPresent()) {
            return isDatabaseWrite(call) ? Optional.empty() : Optional.of("database");
        }
        if (types.isSubtypeOfAny(t, REMOTE_TYPES)
                || types.model().type(t).filter(p -> p.annotations().contains(FEIGN_CLIENT)).isPresent()) {
            return Optional.of("remote service");
        }
        if (types.library().isKnown(t)) {
            return Optional.empty();
        }
        // The naming conventions are for interfaces and unknown types: a project class's own methods' summaries say
        // what it does (a GitRepository is not a data repository).
        boolean projectClass = types.model().type(t).filter(p -> !p.isInterface()).isPresent();
        String simple = t.substring(t.lastIndexOf('.') + 1);
        if (!projectClass && REPOSITORY_SUFFIXES.stream().anyMatch(simple::endsWith)) {
            return isDatabaseWrite(call) ? Optional.empty() : Optional.of("database");
        }
        if (!projectClass && simple.endsWith(MAPPER_SUFFIX) && OBJECT_MAPPER_PACKAGES.stream().noneMatch(t::startsWith)
                && QUERY_PREFIXES.stream().anyMatch(call.getNameAsString()::startsWith)) {
            return Optional.of("database");
        }
        if (types.model().contains(t) && types.model().supertypes(t).stream()
                .anyMatch(s -> dataAccessByEvidence(s, call, types))) {
            return isDatabaseWrite(call) ? Optional.empty() : Optional.of("database");
        }
        return Optional.empty();
    }

    /**
     * Open-world evidence that a supertype of a project type is data access, when the tables do not say what it
     * extends (a library without a class path: {@code interface OrderStore extends BasePlusMapper<Order>}): a
     * project supertype carrying MyBatis's {@code @Mapper}, or a library type the tables do not know whose name
     * says repository, DAO, or (for a query) mapper, outside the object-mapping libraries.
     */
    private static boolean dataAccessByEvidence(String supertype, MethodCallExpr call, TypeResolver types) {
        if (types.model().contains(supertype)) {
            return types.model().type(supertype).filter(p -> p.annotations().contains(MYBATIS_MAPPER)).isPresent();
        }
        if (types.library().isKnown(supertype)) {
            return false;
        }
        String simple = supertype.substring(supertype.lastIndexOf('.') + 1);
        return REPOSITORY_SUFFIXES.stream().anyMatch(simple::endsWith)
                || simple.endsWith(MAPPER_SUFFIX) && OBJECT_MAPPER_PACKAGES.stream().noneMatch(supertype::startsWith)
                        && QUERY_PREFIXES.stream().anyMatch(call.getNameAsString()::startsWith);
    }

    /**
     * Whether a project type is a database client by the tables or by open-world evidence: a subtype of a database
     * type, a MyBatis {@code @Mapper}, or a repository, DAO or mapper by its name or an unknown supertype's.
     */
    private static boolean isDataAccessType(String type, MethodCallExpr call, TypeResolver types) {
        if (types.isSubtypeOfAny(type, DATABASE_TYPES)
                || types.model().type(type).filter(p -> p.annotations().contains(MYBATIS_MAPPER)).isPresent()) {
            return true;
        }
        String simple = type.substring(type.lastIndexOf('.') + 1);
        if (REPOSITORY_SUFFIXES.stream().anyMatch(simple::endsWith) || simple.endsWith(MAPPER_SUFFIX)
                && OBJECT_MAPPER_PACKAGES.stream().noneMatch(type::startsWith)) {
            return true;
        }
        return types.model().contains(type)
                && types.model().supertypes(type).stream().anyMatch(s -> dataAccessByEvidence(s, call, types));
    }

    /**
     * A library base class the tables do not know that is data access by the evidence it has: its name
     * ({@link #dataAccessByEvidence}), or a type argument that is a data-access type of the project
     * ({@code class OrderQueries extends PlusServiceImpl<OrderStore, Order>}, a service over a mapper).
     */
    private static boolean unknownDataAccessBase(String type, String library, MethodCallExpr call, TypeResolver types) {
        if (types.library().isKnown(library) || types.model().contains(library)) {
            return false;
        }
        if (dataAccessByEvidence(library, call, types)) {
            return true;
        }
        return types.model().supertypeRef(type, library).map(TypeRef::arguments).orElse(List.of()).stream()
                .filter(TypeRef::resolved).map(TypeRef::name)
                .anyMatch(argument -> types.model().contains(argument) && isDataAccessType(argument, call, types));
    }

    /** {@code getById(id)} in a subclass of a data-access base class of a library. */
    private static Optional<String> inheritedSource(MethodCallExpr call, TypeResolver types) {
        for (String type : types.enclosingTypeNames(call)) {
            if (types.model().contains(type) && types.model().method(type, call.getNameAsString(),
                    call.getArguments().size()).isPresent()) {
                return Optional.empty();
            }
            for (String library : types.model().librarySupertypes(type)) {
                if (types.isSubtypeOfAny(library, DATABASE_TYPES) || unknownDataAccessBase(type, library, call, types)) {
                    return isDatabaseWrite(call) ? Optional.empty() : Optional.of("database");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isDatabaseWrite(MethodCallExpr call) {
        String name = call.getNameAsString();
        return DATABASE_WRITE_PREFIXES.stream().anyMatch(name::startsWith);
    }

}
