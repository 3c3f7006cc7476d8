import ComputeSubnet
import Foundation

/// Bounds on every value from the wire (the generated code checks types, not ranges).
enum Validation {
    static let maxHours = 1440
    static let hotkeyCharacters = Set("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")

    /// Why `hotkey` cannot be an SS58 address, `nil` when it can (so `../x` and the like never reach a query).
    static func hotkey(_ hotkey: String) -> String? {
        guard (1...64).contains(hotkey.count), hotkey.allSatisfy(hotkeyCharacters.contains) else {
            return "hotkey must be an SS58 address (1…64 base58 characters)"
        }
        return nil
    }

    /// Whether `id` can be an allocation id (a lower-case UUID); others are answered 404 without a query.
    static func allocationID(_ id: String) -> Bool {
        id.count <= 64 && id.allSatisfy { $0.isHexDigit || $0 == "-" }
    }

    static func bounded(_ value: Double?, _ name: String, max: Double) -> String? {
        guard let value else { return nil }
        return value.isFinite && value >= 0 && value <= max ? nil : "\(name) must be a number in 0…\(Int(max))"
    }

    static func bounded(_ value: Int?, _ name: String, max: Int) -> String? {
        guard let value else { return nil }
        return (0...max).contains(value) ? nil : "\(name) must be an integer in 0…\(max)"
    }

    static func minerFilter(_ q: Operations.listMiners.Input.Query) -> String? {
        if let m = q.gpu_model, m.count > 64 { return "gpu_model must be at most 64 characters" }
        return bounded(q.gpu_count, "gpu_count", max: 1024) ?? bounded(q.cpu_count, "cpu_count", max: 65536)
            ?? bounded(q.ram_gb, "ram_gb", max: 1_000_000) ?? bounded(q.disk_gb, "disk_gb", max: 1_000_000_000)
    }

    /// The request and login key of a valid allocation body.
    static func allocation(_ body: Components.Schemas.AllocationRequest) -> Result<(ResourceRequest, String), APIError> {
        func bad(_ why: String) -> Result<(ResourceRequest, String), APIError> { .failure(APIError(.badRequest, why)) }
        guard (1...maxHours).contains(body.hours) else { return bad("hours must be an integer in 1…\(maxHours)") }
        guard body.ssh_public_key.utf8.count <= SSHPublicKey.maximumLength,
              let key = SSHPublicKey.validated(body.ssh_public_key), !key.isEmpty else {
            return bad("ssh_public_key must be one OpenSSH public key line (ssh-ed25519 AAAA… or ssh-rsa AAAA…)")
        }
        guard (body.hotkey == nil) != (body.requirements == nil) else { return bad("give exactly one of hotkey and requirements") }
        if let target = body.hotkey, let why = Validation.hotkey(target) { return bad(why) }
        let days = (body.hours + 23) / 24
        guard let r = body.requirements else { return .success((ResourceRequest(days: days), key)) }
        if let m = r.gpu_model, m.count > 64 { return bad("requirements.gpu_model must be at most 64 characters") }
        if let why = bounded(r.cpu_count, "requirements.cpu_count", max: 65536) ?? bounded(r.gpu_count, "requirements.gpu_count", max: 1024)
            ?? bounded(r.gpu_memory_gb, "requirements.gpu_memory_gb", max: 1_000_000)
            ?? bounded(r.ram_gb, "requirements.ram_gb", max: 1_000_000) ?? bounded(r.disk_gb, "requirements.disk_gb", max: 1_000_000_000) {
            return bad(why)
        }
        let request = ResourceRequest(
            cpuCount: r.cpu_count ?? 1, gpuType: r.gpu_model.flatMap { $0.isEmpty ? nil : $0 }, gpuMemoryGB: r.gpu_memory_gb,
            gpuCount: r.gpu_count.flatMap { $0 > 0 ? $0 : nil }, ramGB: r.ram_gb ?? 1, diskGB: r.disk_gb ?? 1, days: days)
        return .success((request, key))
    }
}
