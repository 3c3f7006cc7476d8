import AsyncHTTPClient
import Bittensor
import ComputeSubnet
import ComputeSubnetTestSupport
import Foundation
import Testing

/// The renter API of a real `compute-subnet validator --api.port 0` on a devnet with two miners:
/// a headless Chromium loads the dashboard (each miner's hotkey and an SVG chart; a screenshot is
/// kept as an artefact), and schemathesis checks the live server against `openapi.yaml`.
@Suite(.serialized) struct RenterAPIEndToEndTests {
    /// Where artefacts (the dashboard screenshot) are kept: `.build/test-artifacts`.
    static var artefacts: String { TestRepository.root.path + "/.build/test-artifacts" }

    @Test func theDashboardInABrowserAndTheContractOfTheLiveServer() async throws {
        let h = try ProcessHarness(prefix: "renter-api-e2e")
        defer { h.stopAll(); h.cleanUp() }
        // The miners rent out Docker containers (they check for Docker when they start).
        let ensure = try CommandRunner.run("/bin/bash", ["-c", "cd '\(TestRepository.root.path)' && source scripts/lib/setup.sh && ensure_dockerd"])
        try #require(ensure.status == 0, "dockerd is needed: \(ensure.stderr)")
        let subnet = try await LocalSubnet.make(h)
        let miners = [try await subnet.startMiner("miner1", ip: "127.0.0.2"), try await subnet.startMiner("miner2", ip: "127.0.0.3")]
        let db = h.scratch + "/validator.sqlite"
        let validator = try await subnet.startValidator(dbPath: db, extraArguments: ["--api.host", "127.0.0.1", "--api.port", "0"])
        let apiPort = try await h.waitForLog(validator.child, #"port=(\d+) \[ComputeSubnetAPI\] renter API listening"#, timeout: 60)[0]
        let url = "http://127.0.0.1:\(apiPort)"
        let key = try h.cli(["api-key", "create", "--db.path", db, "--name", "e2e"]).trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(key.hasPrefix("sn27_"))

        // Both miners listed, with a challenge result each, before looking at the page.
        _ = try await h.eventually("both miners challenged", timeout: 120) { () async throws -> Bool? in
            let body = try await Self.get(url + "/v1/miners")
            let list = (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["miners"] as? [[String: Any]] ?? []
            let challenged = list.filter { ($0["challenges"] as? Int ?? 0) > 0 }.compactMap { $0["hotkey"] as? String }
            return Set(challenged).isSuperset(of: miners.map(\.hotkey)) ? true : nil
        }

        // The browser: the rendered DOM names every miner and holds a chart; a screenshot is kept.
        let chromium = try #require(["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                    "chromium is needed (scripts/lib/setup.sh installs it)")
        let browserFlags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                            "--user-data-dir=\(h.scratch)/chromium"]
        let dom = try CommandRunner.run(chromium, browserFlags + ["--dump-dom", url + "/"])
        try #require(dom.status == 0, "chromium failed: \(dom.stderr)")
        for miner in miners { #expect(dom.stdout.contains(miner.hotkey), "the dashboard does not show \(miner.hotkey)") }
        #expect(dom.stdout.contains("<svg class=\"history-chart\""))
        #expect(dom.stdout.contains("<polyline class=\"success-rate\""))
        try FileManager.default.createDirectory(atPath: Self.artefacts, withIntermediateDirectories: true)
        let screenshot = Self.artefacts + "/renter-dashboard.png"
        try? FileManager.default.removeItem(atPath: screenshot)
        let shot = try CommandRunner.run(chromium, browserFlags + ["--window-size=1400,900", "--screenshot=\(screenshot)", url + "/"])
        #expect(shot.status == 0 && FileManager.default.fileExists(atPath: screenshot), "no screenshot: \(shot.stderr)")

        // The contract: schemathesis against the live server (no 5xx, no schema violations).
        // Allocation creation is left out: it would rent real machines; RenterAPIDockerTests covers it.
        // Run in the scratch folder: schemathesis keeps its state (.schemathesis/) in the working directory.
        let python = ProcessHarness.python
        let arguments = [
            "-m", "schemathesis.cli", "run", url + "/openapi.json", "--url", url,
            "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
            "--exclude-operation-id", "createAllocation", "--max-examples", "30", "--header", "Authorization: Bearer \(key)",
            "--request-timeout", "10", "--no-color", "--generation-database", "none", "--phases", "examples,coverage,fuzzing",
        ]
        let command = "cd '\(h.scratch)' && exec '\(python)' " + arguments.map { "'\($0)'" }.joined(separator: " ")
        let run = try CommandRunner.run("/bin/bash", ["-c", command])
        try? (run.stdout + run.stderr).write(toFile: Self.artefacts + "/schemathesis.txt", atomically: true, encoding: .utf8)
        #expect(run.status == 0, "schemathesis found problems:\n\(run.stdout.suffix(6000))\n\(run.stderr.suffix(2000))")
        // It did test every operation but createAllocation (not an empty run); its report is kept as an artefact.
        #expect(run.stdout.contains("Tested: 8"), "\(run.stdout.suffix(3000))")

        // A renter's round through the validator process, as the README shows it: allocate miner1
        // (on 127.0.0.2) with their own key, log in with it, end it; the schemathesis key sees none of it.
        let renter = try h.cli(["api-key", "create", "--db.path", db, "--name", "renter"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let loginKey = OpenSSHKey(), identity = h.scratch + "/renter.key"
        #expect(FileManager.default.createFile(atPath: identity, contents: Data(loginKey.privateKeyFile().utf8),
                                               attributes: [.posixPermissions: 0o600]))
        let body = #"{"hotkey":"\#(miners[0].hotkey)","ssh_public_key":"\#(loginKey.publicKeyLine(comment: "renter@e2e"))","hours":1}"#
        let (status, created) = try await RenterAPIDockerTests.call(url + "/v1/allocations", .POST, token: renter, body: body, timeout: 180)
        try #require(status == 201, "allocation failed: \(status) \(created)\n\(miners[0].child.tail())")
        let allocation = try #require(created["allocation"] as? [String: Any])
        let id = try #require(allocation["id"] as? String), host = allocation["host"] as? String ?? "", port = allocation["port"] as? Int ?? 0
        #expect(host == "127.0.0.2" && port == miners[0].sshPort)
        let ssh = try CommandRunner.run("/usr/bin/ssh", ["-o", "StrictHostKeyChecking=no", "-o", "BatchMode=yes",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "PasswordAuthentication=no", "-i", identity,
            "-p", "\(port)", "root@\(host)", "echo inside"])
        #expect(ssh.status == 0 && ssh.stdout.contains("inside"), "ssh failed: \(ssh.stderr)")
        #expect(try await RenterAPIDockerTests.call(url + "/v1/allocations/\(id)", .DELETE, token: key).0 == 404)
        let (ended, endedBody) = try await RenterAPIDockerTests.call(url + "/v1/allocations/\(id)", .DELETE, token: renter, timeout: 90)
        #expect(ended == 200 && endedBody["state"] as? String == "ended", "\(ended) \(endedBody)")

        // The API server is one service of the group: the validator still stops cleanly on SIGTERM.
        let end = h.stop(validator.child)
        #expect(end.exited && end.code == 0, "the validator ended with \(end) on SIGTERM:\n\(validator.child.tail())")
    }

    static func get(_ url: String) async throws -> String {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
        return String(buffer: try await response.body.collect(upTo: 4 << 20))
    }
}
