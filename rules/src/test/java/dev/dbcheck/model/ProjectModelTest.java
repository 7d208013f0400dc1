package dev.dbcheck.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import dev.dbcheck.types.LibraryTypes;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProjectModelTest {

    static com.github.javaparser.ast.CompilationUnit parse(String source) {
        return new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17))
                .parse(source).getResult().orElseThrow();
    }

    /** Builds a model of sources keyed by a made-up path: the path says nothing about the package. */
    static ProjectModel model(String... sources) {
        Map<Path, FileDeclarations> files = new LinkedHashMap<>();
        for (int i = 0; i < sources.length; i++) {
            files.put(Path.of("src/F" + i + ".java"), Declarations.of(parse(sources[i])));
        }
        return ProjectModel.build(files, Set.of(), LibraryTypes.get());
    }

    @Test
    void typesAreNamedByTheirPackageDeclarationWithNestedTypes() {
        ProjectModel m = model("package com.acme.orders; public class Repo { static class Row {} interface Hook {} }");
        assertTrue(m.contains("com.acme.orders.Repo"));
        assertTrue(m.contains("com.acme.orders.Repo.Row"));
        assertEquals(ProjectType.Kind.INTERFACE, m.type("com.acme.orders.Repo.Hook").orElseThrow().kind());
        assertEquals("com.acme.orders.Repo", m.type("com.acme.orders.Repo.Row").orElseThrow().enclosing());
        assertEquals(Path.of("src/F0.java"), m.type("com.acme.orders.Repo").orElseThrow().file());
        assertFalse(m.contains("src.F0"));
    }

    @Test
    void inheritedFieldsResolveInTheDeclaringFile() {
        ProjectModel m = model(
                "package p.base; import p.ops.ItemOperations; public abstract class BaseRepo { protected ItemOperations ops; }",
                "package p.ops; public interface ItemOperations {}",
                "package p.items; import p.base.BaseRepo; class ItemRepo extends BaseRepo { int count; }");
        FieldInfo ops = m.field("p.items.ItemRepo", "ops").orElseThrow();
        assertEquals("p.base.BaseRepo", ops.owner());
        assertEquals("p.ops.ItemOperations", ops.type().name());
        assertTrue(ops.type().resolved());
        assertEquals("int", m.field("p.items.ItemRepo", "count").orElseThrow().type().name());
        assertTrue(m.field("p.base.BaseRepo", "count").isEmpty());
    }

    @Test
    void genericLibrarySupertypesKeepTheirArguments() {
        ProjectModel m = model("""
                package com.acme.shop;
                import com.baomidou.mybatisplus.extension.service.impl.ServiceImpl;
                public class ShopService extends ServiceImpl<ShopMapper, Shop> {}
                """,
                "package com.acme.shop; import com.baomidou.mybatisplus.core.mapper.BaseMapper; "
                        + "public interface ShopMapper extends BaseMapper<Shop> {}",
                "package com.acme.shop; public record Shop(long id) {}");
        TypeRef sup = m.supertypeRef("com.acme.shop.ShopService",
                "com.baomidou.mybatisplus.extension.service.impl.ServiceImpl").orElseThrow();
        assertEquals(List.of("com.acme.shop.ShopMapper", "com.acme.shop.Shop"),
                sup.arguments().stream().map(TypeRef::name).toList());
        assertTrue(m.isSubtype("com.acme.shop.ShopService", "com.baomidou.mybatisplus.extension.service.IService"));
        assertTrue(m.isSubtype("com.acme.shop.ShopMapper", "com.baomidou.mybatisplus.core.mapper.Mapper"));
        assertEquals(List.of("com.baomidou.mybatisplus.extension.service.impl.ServiceImpl",
                "com.baomidou.mybatisplus.extension.service.IService"), m.librarySupertypes("com.acme.shop.ShopService"));
    }

    @Test
    void methodsOverridesAndSubtypesAcrossFiles() {
        ProjectModel m = model(
                "package p; public abstract class Configurer { abstract Object create(String p); Object bean(String p) { return create(p); } }",
                "package p; class Standalone extends Configurer { @Override Object create(String p) { return p; } }",
                "package p; class Clustered extends Standalone { }");
        MethodInfo create = m.method("p.Configurer", "create", 1).orElseThrow();
        assertTrue(create.isAbstract());
        MethodInfo impl = m.method("p.Standalone", "create", 1).orElseThrow();
        assertEquals(List.of(create), m.overridesOf(impl));
        assertEquals(List.of(impl), m.overridersOf(create));
        assertEquals(List.of("p.Clustered", "p.Standalone"), m.subtypesOf("p.Configurer"));
        // Inherited: Clustered runs Standalone's create, and Configurer's bean.
        assertEquals("p.Standalone", m.method("p.Clustered", "create", 1).orElseThrow().owner());
        assertEquals("p.Configurer", m.method("p.Clustered", "bean", 1).orElseThrow().owner());
        assertEquals("java.lang.String", impl.parameterTypes().get(0).name());
    }

    @Test
    void samePackageTypesResolveByPackageAndImportsWin() {
        ProjectModel m = model(
                "package a; class User { Account account; b.Account other; }",
                "package a; class Account {}",
                "package b; public class Account {}");
        assertEquals("a.Account", m.field("a.User", "account").orElseThrow().type().name());
        assertEquals("b.Account", m.field("a.User", "other").orElseThrow().type().name());
    }

    @Test
    void aChangeReachesTheFilesThatMentionItsTypes() {
        ProjectModel m = model(
                "package p; public class RedisUtils { }",
                "package p; class UserService { RedisUtils r; }",
                "package p; class Controller { UserService s; }",
                "package p; class Unrelated { }");
        Set<Path> affected = m.affectedBy(Set.of(Path.of("src/F0.java")), Set.of());
        assertEquals(Set.of(Path.of("src/F0.java"), Path.of("src/F1.java"), Path.of("src/F2.java")), affected);
    }
}
