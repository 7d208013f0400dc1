// Builds the internal library this application depends on, as its own build would, and installs it into the ITs'
// private local repository: library/ compiled by javac against MyBatis-Plus (installed there by the invoker's
// extraArtifacts), jarred, with a POM that names its dependency. Not a module of the application's build, so
// dbcheck can know it only from the class path.
import java.util.jar.JarEntry
import java.util.jar.JarOutputStream
import javax.tools.ToolProvider

def repo = localRepositoryPath.toPath()
def mybatisPlus = repo.resolve('com/baomidou/mybatis-plus-core/3.5.12/mybatis-plus-core-3.5.12.jar')
assert java.nio.file.Files.exists(mybatisPlus) : "extraArtifacts did not install ${mybatisPlus}"
// What javac needs to read BaseMapper's signatures: MyBatis-Plus's core and annotations, and MyBatis itself.
def compilePath = [mybatisPlus] + ['com/baomidou/mybatis-plus-annotation', 'org/mybatis/mybatis'].collectMany { dir ->
    java.nio.file.Files.walk(repo.resolve(dir)).withCloseable { s -> s.filter { it.toString().endsWith('.jar') }.toList() }
}
def classes = basedir.toPath().resolve('target/library-classes')
java.nio.file.Files.createDirectories(classes)
def source = basedir.toPath().resolve('library/com/acme/data/AcmeStore.java')
def status = ToolProvider.systemJavaCompiler.run(null, null, null, '-d', classes.toString(), '-cp',
        compilePath.join(File.pathSeparator), '--release', '17', '-proc:none', source.toString())
assert status == 0 : 'javac failed on the library'

def dir = repo.resolve('com/acme/data/acme-data-commons/1.0')
java.nio.file.Files.createDirectories(dir)
new JarOutputStream(java.nio.file.Files.newOutputStream(dir.resolve('acme-data-commons-1.0.jar'))).withCloseable { jar ->
    def clazz = 'com/acme/data/AcmeStore.class'
    jar.putNextEntry(new JarEntry(clazz))
    jar.write(java.nio.file.Files.readAllBytes(classes.resolve(clazz)))
    jar.closeEntry()
}
dir.resolve('acme-data-commons-1.0.pom').toFile().text = '''<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.acme.data</groupId>
  <artifactId>acme-data-commons</artifactId>
  <version>1.0</version>
  <dependencies>
    <dependency>
      <groupId>com.baomidou</groupId>
      <artifactId>mybatis-plus-core</artifactId>
      <version>3.5.12</version>
    </dependency>
  </dependencies>
</project>
'''
true
