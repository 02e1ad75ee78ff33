import Foundation
import Testing
@testable import ActLabCLI

@Suite struct ServeCommandTests {
    @Test func badOptionsAreOneLineErrors() {
        #expect(CommandRunner.failure(["serve", "--port", "70000"])?.contains("--port must be from 0 to 65535, got 70000") == true)
        #expect(CommandRunner.failure(["serve", "--max-trainings", "0"])?.contains("--max-trainings must be from 1 to 64, got 0") == true)
        #expect(CommandRunner.failure(["serve", "--host", " "])?.contains("--host must name an address") == true)
    }

    @Test func aPortInUseIsReportedNotTrapped() throws {
        // Hold a port, then ask serve for it.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p in
                bind(fd, p, length) == 0 && listen(fd, 1) == 0 && getsockname(fd, p, &length) == 0
            }
        }
        try #require(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let message = try #require(CommandRunner.failure(["serve", "--port", String(port)]))
        #expect(message.contains("cannot serve on 127.0.0.1:\(port)"))
        #expect(!message.contains("\n"))
    }
}
