package io.twobrains.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One line of {@code /proc/<pid>/stat} (or {@code /proc/<pid>/task/<tid>/stat}), the fields the bench
 * needs: the parent, the name, and CPU time in clock ticks. A process's {@code utime} and
 * {@code stime} cover all its threads; {@code cutime} and {@code cstime} are the children it has
 * waited for, so a PostgreSQL backend that ends within a measurement still counts, in its postmaster.
 */
record ProcStat(long pid, String comm, long ppid, long utime, long stime, long cutime, long cstime) {

    /** Ticks of its own threads. */
    long ownTicks() {
        return utime + stime;
    }

    /** Ticks of its own threads and of the children it has reaped. */
    long ticksWithReapedChildren() {
        return utime + stime + cutime + cstime;
    }

    /**
     * Parses a stat line. The name is between the first '(' and the last ')' and may hold spaces and
     * parentheses itself, so the numbered fields are counted from the last ')'.
     */
    static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc stat line: " + line);
        }
        long pid = Long.parseLong(line.substring(0, open).trim());
        String comm = line.substring(open + 1, close);
        // from the state (field 3) on: ppid is field 4, utime 14, stime 15, cutime 16, cstime 17
        String[] fields = line.substring(close + 2).trim().split(" ");
        return new ProcStat(pid, comm, Long.parseLong(fields[1]), Long.parseLong(fields[11]),
                Long.parseLong(fields[12]), Long.parseLong(fields[13]), Long.parseLong(fields[14]));
    }

    /** The stat of a process or thread, or empty when it has gone (or /proc is not there). */
    static Optional<ProcStat> read(Path statFile) {
        try {
            return Optional.of(parse(Files.readString(statFile)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
