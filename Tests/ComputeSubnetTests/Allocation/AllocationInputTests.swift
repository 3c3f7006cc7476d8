import Foundation
import Testing
@testable import ComputeSubnet

@Suite struct AllocationInputTests {
    @Test func deviceRequirementDecodesTheValidatorsJSON() throws {
        // As register.py sends it: floats for sizes, an empty gpu object for CPU-only requests.
        let json = #"{"cpu": {"count": 2}, "gpu": {}, "hard_disk": {"capacity": 10737418240.0}, "ram": {"capacity": 1073741824.0}}"#
        let requirement = try JSONDecoder().decode(DeviceRequirement.self, from: Data(json.utf8))
        #expect(requirement == DeviceRequirement(cpuCount: 2, diskBytes: 10 << 30, ramBytes: 1 << 30))
        let gpu = #"{"gpu": {"count": 1, "capacity": 81559, "type": "H100"}}"#
        let withGPU = try JSONDecoder().decode(DeviceRequirement.self, from: Data(gpu.utf8))
        #expect(withGPU == DeviceRequirement(gpuCount: 1, gpuCapacityMiB: 81559, gpuType: "H100"))
        #expect(try JSONDecoder().decode(DeviceRequirement.self, from: Data("{}".utf8)) == DeviceRequirement())
        // Round trip through the wire shape.
        let encoded = try JSONEncoder().encode(withGPU)
        #expect(try JSONDecoder().decode(DeviceRequirement.self, from: encoded) == withGPU)
    }

    @Test(arguments: [#"{"ram": {"capacity": -1}}"#, #"{"cpu": {"count": "two"}}"#, #"{"cpu": 3}"#])
    func deviceRequirementRejectsNonsense(_ json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(DeviceRequirement.self, from: Data(json.utf8)) }
    }

    @Test func responseEncodesOnlyTheWireFields() throws {
        let response = AllocationResponse(status: false, port: 4444, reason: "busy")
        let text = String(decoding: try JSONEncoder().encode(response), as: UTF8.self)
        #expect(text.contains("\"status\":false") && text.contains("\"port\":4444") && !text.contains("busy"))
    }

    @Test(arguments: [
        ("", ""),
        ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA== me@host", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA== me@host"),
        ("  ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTY= user\n", "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTY= user"),
    ])
    func acceptsOpenSSHKeyLines(_ text: String, _ expected: String) {
        #expect(AllocationService.validSSHKey(text) == expected)
    }

    @Test(arguments: ["ssh-ed25519 AAAA\nssh-rsa AAAA", "rm -rf /", "ssh-rsa", "ssh-rsa !!notbase64", "command=\"x\" ssh-rsa AAAA",
                      "ecdsa-sha2-nistp256 AAAA user", "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIA== type-mismatch"])
    func refusesAnythingElseAsAnSSHKey(_ text: String) {
        #expect(AllocationService.validSSHKey(text) == nil)
    }

    @Test func requirementsBeyondTheHostAreRefused() {
        let host = ContainerHostInfo(cpus: 2, memoryBytes: 8 << 30, hasNvidiaRuntime: false, serverVersion: "20.10")
        #expect(throws: Never.self) { try AllocationService.check(DeviceRequirement(cpuCount: 2, ramBytes: 1 << 30), fits: host) }
        #expect(throws: AllocationRefusal.self) { try AllocationService.check(DeviceRequirement(cpuCount: 3), fits: host) }
        #expect(throws: AllocationRefusal.self) { try AllocationService.check(DeviceRequirement(ramBytes: 16 << 30), fits: host) }
        #expect(throws: AllocationRefusal.self) { try AllocationService.check(DeviceRequirement(ramBytes: 1 << 20), fits: host) }
        #expect(throws: AllocationRefusal.self) { try AllocationService.check(DeviceRequirement(gpuCount: 1), fits: host) }
    }

    @Test func imageReferencesSplitIntoRepositoryAndTag() {
        #expect(DockerEngine.split("sn27-ssh:bookworm") == ("sn27-ssh", "bookworm"))
        #expect(DockerEngine.split("my/image") == ("my/image", "latest"))
        #expect(DockerEngine.split("localhost:5000/ssh") == ("localhost:5000/ssh", "latest"))
        #expect(DockerEngine.split("localhost:5000/ssh:v2") == ("localhost:5000/ssh", "v2"))
    }
}

@Suite struct DockerWireFieldsTests {
    @Test func dockerRequirementAndActionReadTheSynapseDicts() throws {
        let requirement = try JSONDecoder().decode(DockerRequirement.self, from: Data(
            #"{"base_image": "ubuntu", "ssh_key": "ssh-ed25519 AAAA x", "ssh_port": 4444, "volume_path": "/tmp", "dockerfile": ""}"#.utf8))
        #expect(requirement == DockerRequirement(sshKey: "ssh-ed25519 AAAA x"))
        #expect(try JSONDecoder().decode(DockerRequirement.self, from: Data("{}".utf8)) == DockerRequirement())
        let action = try JSONDecoder().decode(DockerAction.self, from: Data(#"{"action": "pause", "ssh_key": "", "key_type": ""}"#.utf8))
        #expect(action == DockerAction(action: "pause"))
        let encoded = String(decoding: try JSONEncoder().encode(DockerAction(action: "exchange_key", sshKey: "k")), as: UTF8.self)
        #expect(encoded.contains("\"ssh_key\":\"k\""))
    }
}
