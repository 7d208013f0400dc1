#!/usr/bin/env python3
"""Writes a synthetic 20-module reactor for the multi-module benchmark (see bench/multimodule/run.sh).

common (wrappers and base classes, 40 files) <- model (40 files) <- 18 service modules (25 files each), so
every service module follows 80 files of two sibling modules. Every file is written from the templates below
with its index; the output is the same on every run."""
import os
import sys

out = sys.argv[1]
plugin_version = sys.argv[2]
GROUP = "com.acme.bench"
SERVICES = 18


def write(path, text):
    full = os.path.join(out, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        f.write(text)


def pom(artifact, deps, packaging="jar", modules=()):
    dep_xml = "".join(
        f"<dependency><groupId>{GROUP}</groupId><artifactId>{d}</artifactId>"
        f"<version>${{project.version}}</version></dependency>" for d in deps)
    if packaging == "pom":
        return f"""<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>{GROUP}</groupId><artifactId>{artifact}</artifactId><version>1.0-SNAPSHOT</version>
<packaging>pom</packaging>
<modules>{''.join(f'<module>{m}</module>' for m in modules)}</modules>
<properties><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
<maven.compiler.release>17</maven.compiler.release></properties>
<build><plugins><plugin><groupId>dev.dbcheck</groupId><artifactId>dbcheck-maven-plugin</artifactId>
<version>{plugin_version}</version></plugin></plugins></build></project>
"""
    return f"""<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<parent><groupId>{GROUP}</groupId><artifactId>bench</artifactId><version>1.0-SNAPSHOT</version></parent>
<artifactId>{artifact}</artifactId><dependencies>{dep_xml}</dependencies></project>
"""


def common_file(i):
    kind = i % 4
    pkg = f"package {GROUP}.common;\n\n"
    if kind == 0:
        return pkg + f"""import java.time.Duration;
import org.springframework.data.redis.core.StringRedisTemplate;

public class CacheClient{i} {{
    private final StringRedisTemplate redis;
    public CacheClient{i}(StringRedisTemplate redis) {{ this.redis = redis; }}
    public String read(String key) {{ return redis.opsForValue().get("c{i}:" + key); }}
    public void write(String key, String value) {{ redis.opsForValue().set("c{i}:" + key, value, Duration.ofMinutes({i + 1})); }}
    public boolean evict(String key) {{ return Boolean.TRUE.equals(redis.delete("c{i}:" + key)); }}
}}
"""
    if kind == 1:
        return pkg + f"""import org.springframework.jdbc.core.JdbcTemplate;

public abstract class BaseDao{i} {{
    protected final JdbcTemplate jdbc;
    protected BaseDao{i}(JdbcTemplate jdbc) {{ this.jdbc = jdbc; }}
    protected abstract String table();
    protected String load(long id) {{ return jdbc.queryForObject("select body from " + table() + " where id = ?", String.class, id); }}
    protected int count() {{ Integer n = jdbc.queryForObject("select count(*) from " + table(), Integer.class); return n == null ? 0 : n; }}
}}
"""
    if kind == 2:
        return pkg + f"""import java.util.ArrayList;
import java.util.List;

public final class Strings{i} {{
    private Strings{i}() {{}}
    public static List<String> split(String s, char c) {{
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int k = 0; k < s.length(); k++) {{
            if (s.charAt(k) == c) {{ parts.add(s.substring(start, k)); start = k + 1; }}
        }}
        parts.add(s.substring(start));
        return parts;
    }}
    public static String join(List<String> parts) {{ return String.join(",", parts); }}
}}
"""
    return pkg + f"""public record Page{i}(int number, int size, long total) {{
    public int pages() {{ return (int) ((total + size - 1) / size); }}
    public boolean last() {{ return number + 1 >= pages(); }}
}}
"""


def model_file(i):
    return f"""package {GROUP}.model;

import {GROUP}.common.Strings{(i // 4) * 4 + 2};
import java.util.List;

public class Entity{i} {{
    private long id;
    private String name;
    private String tags;
    public long getId() {{ return id; }}
    public void setId(long id) {{ this.id = id; }}
    public String getName() {{ return name; }}
    public void setName(String name) {{ this.name = name; }}
    public List<String> tags() {{ return Strings{(i // 4) * 4 + 2}.split(tags == null ? "" : tags, ','); }}
    @Override public String toString() {{ return "Entity{i}[" + id + "," + name + "]"; }}
}}
"""


def service_file(m, i):
    cache = (i % 10) * 4
    dao = (i % 10) * 4 + 1
    return f"""package {GROUP}.svc{m};

import {GROUP}.common.BaseDao{dao};
import {GROUP}.common.CacheClient{cache};
import {GROUP}.model.Entity{i % 40};
import org.springframework.jdbc.core.JdbcTemplate;

public class Service{m}x{i} extends BaseDao{dao} {{
    private final CacheClient{cache} cache;
    public Service{m}x{i}(JdbcTemplate jdbc, CacheClient{cache} cache) {{ super(jdbc); this.cache = cache; }}
    @Override protected String table() {{ return "t{m}_{i}"; }}
    public String byId(long id) {{
        String body = cache.read("e:" + id);
        if (body == null) {{
            body = load(id);
            cache.write("e:" + id, body);
        }}
        return body;
    }}
    public Entity{i % 40} describe(long id, String name) {{
        Entity{i % 40} e = new Entity{i % 40}();
        e.setId(id);
        e.setName(name);
        return e;
    }}
    public int size() {{ return count(); }}
}}
"""


services = [f"svc{m}" for m in range(SERVICES)]
write("pom.xml", pom("bench", [], "pom", ["common", "model"] + services))
write("common/pom.xml", pom("common", []))
for i in range(40):
    name = ["CacheClient", "BaseDao", "Strings", "Page"][i % 4] + str(i)
    write(f"common/src/main/java/com/acme/bench/common/{name}.java", common_file(i))
write("model/pom.xml", pom("model", ["common"]))
for i in range(40):
    write(f"model/src/main/java/com/acme/bench/model/Entity{i}.java", model_file(i))
for m in range(SERVICES):
    write(f"svc{m}/pom.xml", pom(f"svc{m}", ["model"]))
    for i in range(25):
        write(f"svc{m}/src/main/java/com/acme/bench/svc{m}/Service{m}x{i}.java", service_file(m, i))
