package dev.authplane.benchmarks.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the CPU went during one measurement: the server process's own CPU time (from
 * {@code /proc/<pid>/stat} via {@link ProcessHandle}) and the whole machine's busy time (from
 * {@code /proc/stat}); the difference is the load generator plus anything else running.
 *
 * @param wallSeconds   length of the measurement
 * @param serverSeconds CPU seconds the server used
 * @param machineSeconds CPU seconds the machine was busy (all cores), or NaN off Linux
 * @param compilerSeconds CPU seconds the server's JIT compiler threads used (part of {@code serverSeconds})
 */
record CpuUsage(double wallSeconds, double serverSeconds, double machineSeconds, double compilerSeconds) {

    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** Linux's USER_HZ, the unit of {@code /proc/stat}. */
    private static final double TICKS_PER_SECOND = 100.0;

    /** A point to measure from. */
    record Mark(long nanos, Duration serverCpu, double machineBusySeconds, double compilerSeconds) {
    }

    static Mark mark(ProcessHandle server) throws IOException {
        return new Mark(System.nanoTime(), server.info().totalCpuDuration().orElse(Duration.ZERO), machineBusy(),
                compilerSeconds(server.pid()));
    }

    static CpuUsage since(Mark start, ProcessHandle server) throws IOException {
        Mark end = mark(server);
        return new CpuUsage((end.nanos() - start.nanos()) / 1e9,
                (end.serverCpu().toNanos() - start.serverCpu().toNanos()) / 1e9,
                end.machineBusySeconds() - start.machineBusySeconds(),
                end.compilerSeconds() - start.compilerSeconds());
    }

    /** Cores' worth of CPU the server's JIT compiler threads used on average. */
    double compilerCores() {
        return compilerSeconds / wallSeconds;
    }

    /**
     * CPU seconds used so far by the JIT compiler threads of process {@code pid} (HotSpot names them
     * {@code C1 CompilerThread<n>} and {@code C2 CompilerThread<n>}); NaN off Linux.
     */
    static double compilerSeconds(long pid) throws IOException {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return Double.NaN;
        }
        long ticks = 0;
        try (var threads = Files.list(tasks)) {
            for (Path task : threads.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading: it no longer compiles
                }
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** Server CPU time per successful request, in microseconds. */
    double serverMicrosPer(double requests) {
        return requests == 0 ? Double.NaN : serverSeconds * 1e6 / requests;
    }

    /** Cores' worth of CPU the server used on average. */
    double serverCores() {
        return serverSeconds / wallSeconds;
    }

    /** Cores' worth of CPU used by everything but the server (the load generator, other processes). */
    double otherCores() {
        return (machineSeconds - serverSeconds) / wallSeconds;
    }

    private static double machineBusy() throws IOException {
        if (!Files.isReadable(PROC_STAT)) {
            return Double.NaN;
        }
        String[] f = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(f[i]);
            }
        }
        return busy / TICKS_PER_SECOND;
    }
}
