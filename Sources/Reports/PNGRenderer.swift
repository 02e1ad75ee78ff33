import Layers
import Foundation

/// Turns an SVG file into a PNG with `rsvg-convert` (Debian package librsvg2-bin) when it is on
/// PATH; charts stay SVG-only without it.
public enum PNGRenderer {
    /// The converter's full path, or nil when it is not installed.
    public static var converter: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/rsvg-convert" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Renders `svgPath` to `pngPath`, via a temporary file renamed into place so that a failed
    /// run never leaves a truncated PNG.
    public static func render(svgPath: String, to pngPath: String, converter: String) throws {
        let png = URL(fileURLWithPath: pngPath)
        let temp = png.deletingLastPathComponent().appendingPathComponent(".\(png.lastPathComponent).tmp-\(getpid())")
        defer { try? FileManager.default.removeItem(at: temp) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: converter)
        process.arguments = ["--format", "png", "--output", temp.path, svgPath]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw ReportError("\(pngPath): cannot run \(converter) (\(error.localizedDescription))")
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: temp.path) else {
            let reason = message.split(separator: "\n").first.map(String.init) ?? "exit status \(process.terminationStatus)"
            throw ReportError("\(pngPath): rsvg-convert failed on \(svgPath): \(reason)")
        }
        guard rename(temp.path, pngPath) == 0 else {
            throw ReportError("\(pngPath): cannot move the finished file into place (\(String(cString: strerror(errno))))")
        }
    }
}

extension LineChart {
    /// Writes the chart as SVG at `path` and, when `rsvg-convert` is available, as PNG next to
    /// it (same name, `.png`). Returns the paths written.
    @discardableResult
    public func write(to path: String, png: Bool = true) throws -> [String] {
        try AtomicFile.write(svg, to: path)
        guard png, let converter = PNGRenderer.converter else { return [path] }
        let pngPath = (path.hasSuffix(".svg") ? String(path.dropLast(4)) : path) + ".png"
        try PNGRenderer.render(svgPath: path, to: pngPath, converter: converter)
        return [path, pngPath]
    }
}
