import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one run of the npybrowse binary did.
struct CLIResult: Sendable {
    /// The exit status, nil when the process was ended by a signal.
    var exitCode: Int32?
    /// The signal that ended the process (a crash, or our SIGKILL after a timeout).
    var signal: Int32?
    /// True when the run exceeded its time limit and was killed.
    var timedOut: Bool
    var stdout: [UInt8]
    var stderr: [UInt8]
    /// Peak resident memory of the child in KiB (`ru_maxrss` from `wait4`).
    var maxRSSKiB: Int
    var seconds: Double

    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    /// One line for failure messages: how it ended and the start of stderr.
    var summary: String {
        let how: String
        if timedOut {
            how = "timed out after \(String(format: "%.1f", seconds)) s and was killed"
        } else if let s = signal {
            how = "killed by signal \(s) (a crash)"
        } else {
            how = "exit \(exitCode.map(String.init) ?? "?")"
        }
        let err = stderrText
        let shown = err.count > 600 ? String(err.prefix(600)) + "…" : err
        return "\(how); stderr: \(shown.isEmpty ? "(empty)" : shown.debugDescription)"
    }
}

/// Limits how many CLI processes run at once. Swift Testing starts every parameterized case
/// together; hundreds of concurrent processes on two cores would make each one miss its time limit.
actor ProcessSlots {
    static let shared = ProcessSlots(limit: ProcessSlots.defaultLimit)

    /// $NPYBROWSE_TEST_JOBS, else the number of active processors.
    static var defaultLimit: Int {
        if let s = ProcessInfo.processInfo.environment["NPYBROWSE_TEST_JOBS"], let n = Int(s), n > 0 { return n }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    private var free: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { free = limit }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            free += 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}

/// Why the binary could not be run at all.
struct CLIError: Error, CustomStringConvertible {
    var description: String
}

/// Runs the built `npybrowse` binary with `posix_spawn` (Foundation's Process with waitUntilExit
/// hangs or leaks blocked signals under swift test; see shared/platform-notes.md), stdout and
/// stderr redirected to temporary files, stdin from /dev/null, with a time limit.
enum CLI {
    /// The binary: $NPYBROWSE_BIN, else `npybrowse` next to the test bundle, else under .build/.
    static let binary: Result<String, CLIError> = locateBinary()

    static func locateBinary() -> Result<String, CLIError> {
        let env = ProcessInfo.processInfo.environment
        if let p = env["NPYBROWSE_BIN"], !p.isEmpty {
            return access(p, X_OK) == 0 ? .success(p)
                : .failure(CLIError(description: "NPYBROWSE_BIN=\(p) is not an executable file"))
        }
        var tried: [String] = []
        // The test bundle sits in the build products directory, beside the executable.
        let arg0 = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").standardizedFileURL
        var dir = arg0.deletingLastPathComponent()
        for _ in 0..<6 {
            for candidate in [dir.appendingPathComponent("npybrowse"),
                              dir.appendingPathComponent(".build/debug/npybrowse")] {
                tried.append(candidate.path)
                if access(candidate.path, X_OK) == 0, !isDirectory(candidate.path) { return .success(candidate.path) }
            }
            dir = dir.deletingLastPathComponent()
        }
        let root = packageRoot.path
        for candidate in ["\(root)/.build/debug/npybrowse", "\(root)/.build/release/npybrowse"] {
            tried.append(candidate)
            if access(candidate, X_OK) == 0 { return .success(candidate) }
        }
        return .failure(CLIError(description:
            "npybrowse binary not found (build it with `swift build`, or set NPYBROWSE_BIN); looked at: "
            + tried.joined(separator: ", ")))
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// The package root: three levels up from this file's folder (Tests/CLITests/Support).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `npybrowse args...`; kills it after `timeout` seconds (counted from its start, after
    /// waiting for a free slot).
    static func run(_ args: [String], timeout: Double = 20) async throws(CLIError) -> CLIResult {
        await ProcessSlots.shared.acquire()
        do {
            let r = try await spawnAndWait(args, timeout: timeout)
            await ProcessSlots.shared.release()
            return r
        } catch {
            await ProcessSlots.shared.release()
            throw error
        }
    }

    private static func spawnAndWait(_ args: [String], timeout: Double) async throws(CLIError) -> CLIResult {
        let bin: String
        switch binary {
        case .success(let b): bin = b
        case .failure(let e): throw e
        }
        let tmp = FileManager.default.temporaryDirectory.path
        let tag = "npybrowse-clitest-\(getpid())-\(UUID().uuidString)"
        let outPath = "\(tmp)/\(tag).out"
        let errPath = "\(tmp)/\(tag).err"
        defer {
            unlink(outPath)
            unlink(errPath)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attr, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGPIPE, SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGCHLD, SIGALRM, SIGUSR1, SIGUSR2, SIGTTOU, SIGTTIN] {
            sigaddset(&defaults, s)
        }
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "interactive=no"
        env["NO_COLOR"] = "1"
        let envStrings = env.map { "\($0.key)=\($0.value)" }

        let argv: [UnsafeMutablePointer<CChar>?] = ([bin] + args).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = envStrings.map { strdup($0) } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }

        var pid: pid_t = 0
        let start = Date()
        let rc = posix_spawn(&pid, bin, &actions, &attr, argv, envp)
        if rc != 0 {
            throw CLIError(description: "posix_spawn(\(bin)) failed: \(String(cString: strerror(rc)))")
        }

        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        var delayNs: UInt64 = 1_000_000
        while true {
            let r = wait4(pid, &status, WNOHANG, &usage)
            if r == pid { break }
            if r == -1 && errno != EINTR {
                throw CLIError(description: "wait4 failed: \(String(cString: strerror(errno)))")
            }
            if Date().timeIntervalSince(start) > timeout {
                kill(pid, SIGKILL)
                while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
                timedOut = true
                break
            }
            try? await Task.sleep(nanoseconds: delayNs)
            delayNs = min(delayNs * 2, 20_000_000)
        }
        let seconds = Date().timeIntervalSince(start)

        let termSignal = status & 0x7F
        let exitCode: Int32? = termSignal == 0 ? (status >> 8) & 0xFF : nil
        let signal: Int32? = termSignal == 0 ? nil : termSignal
        let out = FileManager.default.contents(atPath: outPath).map { [UInt8]($0) } ?? []
        let err = FileManager.default.contents(atPath: errPath).map { [UInt8]($0) } ?? []
        return CLIResult(exitCode: exitCode, signal: signal, timedOut: timedOut, stdout: out, stderr: err,
                         maxRSSKiB: Int(usage.ru_maxrss), seconds: seconds)
    }
}
