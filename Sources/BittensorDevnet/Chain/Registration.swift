import Bittensor
import GRDB

/// Burned registration and serving, as subtensor's `do_burned_registration` and `do_serve_axon`.
///
/// Simplifications: the burn is a fixed subnet parameter (no adjustment towards a target
/// registrations-per-interval), and there is no per-block registration limit.
enum Registration {
    /// Registers `hotkey` on `netuid`, burning the subnet's cost from `coldkey`. Appends a uid
    /// while the subnet has room; when full, replaces the neuron with the lowest pruning score
    /// outside its immunity period (ties: earliest registration, then lowest uid), or fails with
    /// `NoNeuronIdAvailable` when every neuron is immune. Returns the uid.
    static func burnedRegister(_ db: Database, netuid: UInt16, hotkey: String, coldkey: String) throws -> UInt16 {
        let subnet = try subnetOrThrow(db, netuid)
        let block = try db.devnetBlock()
        guard try NeuronRecord.find(db, netuid: netuid, hotkey: hotkey) == nil else {
            throw Pallet.error("HotKeyAlreadyRegisteredInSubNet", "\(hotkey) already holds a uid on subnet \(netuid)")
        }
        guard try Ledger.balance(db, coldkey) >= subnet.burn else {
            throw Pallet.error("NotEnoughBalanceToStake", "registration burns \(subnet.burn) rao; coldkey \(coldkey) holds \(try Ledger.balance(db, coldkey))")
        }
        try Ledger.claimHotkey(db, hotkey: hotkey, coldkey: coldkey)

        let neurons = try NeuronRecord.all(db, netuid: netuid)
        let uid: UInt16
        if neurons.count < Int(subnet.maxAllowedUids) {
            uid = UInt16(neurons.count)
        } else {
            guard let victim = neuronToPrune(neurons, block: block, immunityPeriod: UInt64(subnet.immunityPeriod)) else {
                throw Pallet.error("NoNeuronIdAvailable", "subnet \(netuid) is full and every neuron is still immune")
            }
            uid = victim.uid
            try db.execute(sql: "DELETE FROM neuron WHERE netuid = ? AND uid = ?", arguments: [netuid, uid])
            for table in ["weight", "bond"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE netuid = ? AND uid = ?", arguments: [netuid, uid])
            }
            try db.devnetLog(block, "subnet \(netuid): uid \(uid) (\(short(victim.hotkey))) deregistered, replaced")
        }
        try Ledger.debit(db, coldkey, subnet.burn)
        try NeuronRecord(netuid: netuid, uid: uid, hotkey: hotkey, coldkey: coldkey, block: block).insert(db)
        try db.devnetLog(block, "subnet \(netuid): \(short(hotkey)) registered as uid \(uid) (burned \(tao(subnet.burn)) τ)")
        return uid
    }

    /// subtensor's `get_neuron_to_prune`: the lowest pruning score among neurons past their
    /// immunity period; nil when all are immune.
    static func neuronToPrune(_ neurons: [NeuronRecord], block: UInt64, immunityPeriod: UInt64) -> NeuronRecord? {
        neurons
            .filter { block - min(block, $0.registeredAt) >= immunityPeriod }
            .min { a, b in
                (a.pruningScore, a.registeredAt, a.uid) < (b.pruningScore, b.registeredAt, b.uid)
            }
    }

    /// Stores the axon of the neuron holding `hotkey` (`do_serve_axon`: registered hotkey,
    /// valid port and address type).
    static func serveAxon(_ db: Database, netuid: UInt16, hotkey: String, axon: AxonInfo) throws {
        _ = try subnetOrThrow(db, netuid)
        guard var neuron = try NeuronRecord.find(db, netuid: netuid, hotkey: hotkey) else {
            throw Pallet.error("HotKeyNotRegisteredInNetwork", "\(hotkey) is not registered on subnet \(netuid)")
        }
        guard axon.ipType == 4 || axon.ipType == 6 else { throw Pallet.error("InvalidIpType") }
        guard axon.port != 0 else { throw Pallet.error("InvalidPort") }
        guard isValidAddress(axon.ip, type: axon.ipType) else { throw Pallet.error("InvalidIpAddress", axon.ip) }
        let block = try db.devnetBlock()
        neuron.axonBlock = block
        neuron.axonVersion = axon.version
        neuron.axonIP = axon.ip
        neuron.axonPort = axon.port
        neuron.axonIPType = axon.ipType
        neuron.axonProtocol = axon.protocol
        try neuron.update(db)
        try db.devnetLog(block, "subnet \(netuid): uid \(neuron.uid) serves \(axon.ip):\(axon.port)")
    }

    static func subnetOrThrow(_ db: Database, _ netuid: UInt16) throws -> SubnetParameters {
        guard let subnet = try SubnetParameters.fetchOne(db, key: netuid) else {
            throw ChainError.subnetNotFound(netuid: netuid)
        }
        return subnet
    }

    /// A dotted IPv4 (4 numbers 0–255) or a textual IPv6 address (hex groups and colons).
    static func isValidAddress(_ ip: String, type: UInt8) -> Bool {
        if type == 4 {
            let parts = ip.split(separator: ".", omittingEmptySubsequences: false)
            return parts.count == 4 && parts.allSatisfy { UInt8($0) != nil }
        }
        return ip.contains(":") && ip.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
    }
}

/// `5Grwva…utQY`-style short form for logs.
func short(_ address: String) -> String {
    address.count > 12 ? "\(address.prefix(6))…\(address.suffix(4))" : address
}

/// Rao as a TAO string for logs.
func tao(_ rao: UInt64) -> String {
    let whole = rao / Ledger.raoPerTAO, frac = rao % Ledger.raoPerTAO
    guard frac != 0 else { return "\(whole)" }
    var digits = String(frac)
    digits = String(repeating: "0", count: 9 - digits.count) + digits
    while digits.hasSuffix("0") { digits.removeLast() }
    return "\(whole).\(digits)"
}
