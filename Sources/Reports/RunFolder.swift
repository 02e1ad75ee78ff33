import Foundation

/// An output folder that one run owns and fills whole or not at all. Claiming it takes a lock
/// beside it (`.<name>.lock`, held with `flock`, so a killed run never leaves it held), refuses a
/// folder that already holds files unless `replace` is set, and clears a killed run's leftovers.
/// Files go into a hidden sibling (`.<name>.partial-<pid>`) that `commit` renames into place, so
/// two runs never mix their files and a reader never sees half a run. A `resumable` run stages in
/// `.<name>.partial` instead and keeps it when interrupted, so the next run with the same path
/// finds the pieces already finished there (the lock still keeps two runs apart).
public final class RunFolder {
    /// Where the files end up.
    public let path: String
    /// Where they are written until `commit`.
    public let staging: String
    private let replace: Bool
    private let marker: String
    private let resumable: Bool
    private var lock: Int32
    private let lockPath: String
    private var committed = false

    /// Claims `path`; throws a one-line `ReportError` when it cannot be used, before any work starts.
    /// `replace` lets a finished run's folder be replaced, recognised by its `marker` file; any
    /// other folder with files (a home folder, the current one) is never replaced.
    public init(claiming path: String, replace: Bool = false, marker: String = "results.json", resumable: Bool = false) throws {
        guard !path.isEmpty else { throw ReportError("the output folder path is empty") }
        let given = (path as NSString).lastPathComponent
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let name = url.lastPathComponent
        guard !name.isEmpty, name != "/", given != ".", given != "..", given != "/" else {
            throw ReportError("\(path): not usable as an output folder; name a new folder")
        }
        let parent = url.deletingLastPathComponent().path
        self.path = path
        self.replace = replace
        self.marker = marker
        self.resumable = resumable
        if let problem = Self.makeFolders(parent) {
            throw ReportError("\(path): cannot create its parent folder \(parent) (\(problem))")
        }
        lockPath = parent + "/.\(name).lock"
        lock = try Self.lock(lockPath, for: path)
        staging = resumable ? parent + "/.\(name).partial" : parent + "/.\(name).partial-\(getpid())"
        do {
            try Self.checkDestination(path, replace: replace, marker: marker)
            // Only a run holding the lock gets here, so any staging folder left is a dead run's.
            for leftover in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
            where leftover.hasPrefix(".\(name).partial-") || leftover.hasPrefix(".\(name).old-") {
                try? FileManager.default.removeItem(atPath: parent + "/" + leftover)
            }
            guard mkdir(staging, 0o755) == 0 || (resumable && errno == EEXIST) else {
                throw ReportError("\(path): cannot write in \(parent) (\(String(cString: strerror(errno))))")
            }
        } catch {
            release()
            throw error
        }
    }

    deinit {
        if !committed && !resumable { discard() }
        release()
    }

    /// Unlinks the lock while still holding it: a run waiting on the old file sees it replaced and retries.
    private func release() {
        guard lock >= 0 else { return }
        unlink(lockPath)
        close(lock)
        lock = -1
    }

    /// The path a file called `name` is written to now.
    public func file(_ name: String) -> String { staging + "/" + name }

    /// Moves the finished files into place: a new folder, an empty one replaced, or (with
    /// `replace`) an old run's folder swapped out and removed.
    public func commit() throws {
        try Self.checkDestination(path, replace: replace, marker: marker)
        var old: String?
        if rename(staging, path) != 0 {
            guard replace, errno == ENOTEMPTY || errno == EEXIST else {
                throw ReportError("\(path): cannot move the finished run into place (\(String(cString: strerror(errno))))")
            }
            let aside = (staging as NSString).deletingLastPathComponent + "/." + (path as NSString).lastPathComponent + ".old-\(getpid())"
            guard rename(path, aside) == 0, rename(staging, path) == 0 else {
                throw ReportError("\(path): cannot replace the old run (\(String(cString: strerror(errno))))")
            }
            old = aside
        }
        committed = true
        if let old { try? FileManager.default.removeItem(atPath: old) }
        release()
    }

    /// Removes everything written so far; the destination is left as it was.
    public func discard() {
        try? FileManager.default.removeItem(atPath: staging)
    }

    private static func checkDestination(_ path: String, replace: Bool, marker: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else { throw ReportError("\(path): exists and is not a folder") }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        guard !contents.isEmpty else { return }
        guard replace else {
            throw ReportError("\(path): already holds \(contents.count) file\(contents.count == 1 ? "" : "s"); choose another --out or pass --force to replace it")
        }
        guard contents.contains(marker) else {
            throw ReportError("\(path): holds files but no \(marker), so it is not a finished run; it is not replaced even with --force")
        }
    }

    /// An exclusive lock on `lockPath`, or an error when another live process holds it.
    private static func lock(_ lockPath: String, for path: String) throws -> Int32 {
        while true {
            let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw ReportError("\(path): cannot create a lock beside it (\(String(cString: strerror(errno))))")
            }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                close(fd)
                throw ReportError("\(path): another actlab run is writing this folder; wait for it or choose another --out")
            }
            // The file may have been replaced between open and flock; then lock the new one.
            var held = stat(), current = stat()
            if fstat(fd, &held) == 0, stat(lockPath, &current) == 0, held.st_ino == current.st_ino, held.st_dev == current.st_dev {
                return fd
            }
            close(fd)
        }
    }

    /// Creates `folder` and its missing ancestors; the reason it could not, from errno, or nil.
    private static func makeFolders(_ folder: String) -> String? {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            return isFolder.boolValue ? nil : "\(folder) is not a folder"
        }
        let above = (folder as NSString).deletingLastPathComponent
        if !above.isEmpty, above != folder, let problem = makeFolders(above) { return problem }
        guard mkdir(folder, 0o755) == 0 || errno == EEXIST else { return String(cString: strerror(errno)) }
        return nil
    }
}
