/// Decodes `NeuronInfoRuntimeApi_get_neurons_lite` results (`Vec<NeuronInfoLite>`) into
/// `NeuronInfo` values, as the SDK does: u16-normalised fields divided by 65535, stake summed
/// over the stake list, IP as text. Layout: bittensor-protocol.md §3.3.
///
/// On dynamic TAO, `NeuronInfoLite.stake: Vec<(AccountId, Compact<u64>)>` is the hotkey's
/// **alpha** on this subnet (the SDK's `_tbwu(stake, netuid)`), not TAO: it becomes
/// `alphaStake`. The lite record carries no root TAO stake, so `taoStake` is 0 and
/// `stakeWeight` equals the alpha — a lower bound of the chain's `alpha + tao_weight × TAO`.
public enum NeuronInfoLiteDecoder {
    /// Decodes the whole response; every byte must be consumed.
    public static func decodeNeurons(_ bytes: [UInt8]) throws(ScaleError) -> [NeuronInfo] {
        var d = ScaleDecoder(bytes)
        // A neuron is at least 64 bytes of keys plus fixed-width axon info.
        let neurons = try d.vector(minElementSize: 64) { (d: inout ScaleDecoder) throws(ScaleError) in try decodeNeuron(&d) }
        try d.expectEnd()
        return neurons
    }

    /// `Option<NeuronInfoLite>` (`get_neuron_lite`).
    public static func decodeOptionalNeuron(_ bytes: [UInt8]) throws(ScaleError) -> NeuronInfo? {
        var d = ScaleDecoder(bytes)
        let neuron = try d.option { (d: inout ScaleDecoder) throws(ScaleError) in try decodeNeuron(&d) }
        try d.expectEnd()
        return neuron
    }

    public static func decodeNeuron(_ d: inout ScaleDecoder) throws(ScaleError) -> NeuronInfo {
        let hotkey = try d.readBytes(32)
        let coldkey = try d.readBytes(32)
        let uid = try d.compact(as: UInt16.self)
        _ = try d.compact(as: UInt16.self)  // netuid
        let active = try d.bool()
        let axon = try decodeAxon(&d)
        // PrometheusInfo: block u64, version u32, ip u128, port u16, ip_type u8.
        try d.skip(8 + 4 + 16 + 2 + 1)
        let stakes = try d.vector(minElementSize: 33) { (d: inout ScaleDecoder) throws(ScaleError) -> UInt64 in
            try d.skip(32)
            return try d.compact(as: UInt64.self)
        }
        var alpha: UInt64 = 0
        for s in stakes { alpha = alpha &+ s }
        let rank = try normalized(&d)
        let emission = try d.compact(as: UInt64.self)
        let incentive = try normalized(&d)
        let consensus = try normalized(&d)
        let trust = try normalized(&d)
        let validatorTrust = try normalized(&d)
        let dividends = try normalized(&d)
        let lastUpdate = try d.compact(as: UInt64.self)
        let validatorPermit = try d.bool()
        let pruningScore = try normalized(&d)
        return NeuronInfo(
            uid: uid, hotkey: SS58.encode(publicKey: hotkey), coldkey: SS58.encode(publicKey: coldkey),
            alphaStake: alpha, taoStake: 0, stakeWeight: alpha,
            active: active, axon: axon, validatorPermit: validatorPermit, rank: rank, trust: trust, consensus: consensus,
            validatorTrust: validatorTrust, incentive: incentive, dividends: dividends, emission: emission,
            lastUpdate: lastUpdate, pruningScore: pruningScore)
    }

    /// `AxonInfo`: block u64, version u32, ip u128, port u16, ip_type u8, protocol u8, placeholder1 u8, placeholder2 u8.
    public static func decodeAxon(_ d: inout ScaleDecoder) throws(ScaleError) -> AxonInfo {
        let block = try d.u64()
        let version = try d.u32()
        let ip = try d.u128()
        let port = try d.u16()
        let ipType = try d.u8()
        let proto = try d.u8()
        let p1 = try d.u8()
        let p2 = try d.u8()
        return AxonInfo(block: block, version: version, ip: IPAddressText.format(ip, type: ipType), port: port,
                        ipType: ipType, protocol: proto, placeholder1: p1, placeholder2: p2)
    }

    private static func normalized(_ d: inout ScaleDecoder) throws(ScaleError) -> Double {
        Double(try d.compact(as: UInt16.self)) / 65535
    }
}

/// The chain stores IPs as u128 integers (IPv4 in the low 32 bits); the SDK prints them
/// with netaddr.
public enum IPAddressText {
    /// Dotted IPv4 for `type` 4, RFC 5952 IPv6 text for 6.
    public static func format(_ ip: UInt128, type: UInt8) -> String {
        if type != 6 {
            let v = UInt32(truncatingIfNeeded: ip)
            return "\(v >> 24).\(v >> 16 & 0xff).\(v >> 8 & 0xff).\(v & 0xff)"
        }
        let groups = (0..<8).map { i in UInt16(truncatingIfNeeded: ip >> (16 * (7 - i))) }
        // Longest run (≥ 2) of zero groups becomes "::".
        var best = (start: -1, length: 0), i = 0
        while i < 8 {
            if groups[i] == 0 {
                var j = i
                while j < 8, groups[j] == 0 { j += 1 }
                if j - i > best.length { best = (i, j - i) }
                i = j
            } else { i += 1 }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.length >= 2 else { return hex.joined(separator: ":") }
        let head = hex[0..<best.start].joined(separator: ":")
        let tail = hex[(best.start + best.length)...].joined(separator: ":")
        return head + "::" + tail
    }

    /// Parses dotted IPv4 or IPv6 text into the chain's (u128, type) form.
    public static func parse(_ text: String) -> (ip: UInt128, type: UInt8)? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4 {
            var v: UInt128 = 0
            for p in parts {
                guard let b = UInt8(p) else { return nil }
                v = v << 8 | UInt128(b)
            }
            return (v, 4)
        }
        guard text.contains(":") else { return nil }
        var halves = [text]
        let chars = Array(text)
        if let i = chars.indices.dropLast().first(where: { chars[$0] == ":" && chars[$0 + 1] == ":" }) {
            halves = [String(chars[..<i]), String(chars[(i + 2)...])]
            if halves[1].contains("::") { return nil }
        }
        guard halves.count <= 2 else { return nil }
        func groups(_ s: String) -> [UInt16]? {
            s.isEmpty ? [] : s.split(separator: ":", omittingEmptySubsequences: false).map { UInt16($0, radix: 16) }.reduce(into: [UInt16]?([])) { acc, g in
                if let g, acc != nil { acc!.append(g) } else { acc = nil }
            }
        }
        guard let head = groups(halves[0]) else { return nil }
        let tail = halves.count == 2 ? groups(halves[1]) : []
        guard let tail else { return nil }
        let fill = 8 - head.count - tail.count
        guard halves.count == 2 ? fill >= 1 : fill == 0 else { return nil }
        let all = head + [UInt16](repeating: 0, count: halves.count == 2 ? fill : 0) + tail
        var v: UInt128 = 0
        for g in all { v = v << 16 | UInt128(g) }
        return (v, 6)
    }
}
