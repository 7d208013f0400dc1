package dev.dbcheck.maven;

import java.io.File;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.codehaus.plexus.util.Scanner;
import org.sonatype.plexus.build.incremental.BuildContext;

/** An IDE-like build context that records marker calls as text, in call order; everything else is unused. */
final class RecordingBuildContext implements BuildContext {

    final List<String> removed = Collections.synchronizedList(new ArrayList<>());
    final List<String> added = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void removeMessages(File file) {
        removed.add(file.getPath());
    }

    @Override
    public void addMessage(File file, int line, int column, String message, int severity, Throwable cause) {
        String level = severity == SEVERITY_ERROR ? "ERROR" : severity == SEVERITY_WARNING ? "WARNING" : "?" + severity;
        added.add(level + " " + file.getPath() + ":" + line + ":" + column + " " + message
                + (cause == null ? "" : " cause=" + cause));
    }

    @Override
    @SuppressWarnings("deprecation")
    public void addWarning(File file, int line, int column, String message, Throwable cause) {
        throw new AssertionError("deprecated addWarning used");
    }

    @Override
    @SuppressWarnings("deprecation")
    public void addError(File file, int line, int column, String message, Throwable cause) {
        throw new AssertionError("deprecated addError used");
    }

    @Override
    public boolean hasDelta(String relpath) {
        return true;
    }

    @Override
    public boolean hasDelta(File file) {
        return true;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean hasDelta(List relpaths) {
        return true;
    }

    @Override
    public void refresh(File file) {}

    @Override
    public OutputStream newFileOutputStream(File file) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Scanner newScanner(File basedir) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Scanner newDeleteScanner(File basedir) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Scanner newScanner(File basedir, boolean ignoreDelta) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isIncremental() {
        return true;
    }

    @Override
    public void setValue(String key, Object value) {}

    @Override
    public Object getValue(String key) {
        return null;
    }

    @Override
    public boolean isUptodate(File target, File source) {
        return false;
    }
}
