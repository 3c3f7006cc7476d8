/// `computed_body_hash`: SHA3-256 (FIPS 202) hex over the concatenated SHA3-256 hex digests of
/// `str(value)` of each required hash field, in the order of `requiredHashFields`.
///
/// With no required fields (every SN27 synapse) it is the hash of the empty string.
public enum BodyHash {
    /// `sha3_256(b"").hexdigest()`.
    public static let empty = "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"

    /// The body hash of `synapse`.
    public static func compute<S: Synapse>(_ synapse: S) -> String {
        let names = S.requiredHashFields
        if names.isEmpty { return empty }
        return compute(values: names.map { synapse.fieldValue($0) ?? .null })
    }

    /// The body hash of the given field values (`str()` rendered, as Python does).
    public static func compute(values: [JSON]) -> String {
        if values.isEmpty { return empty }
        var concatenated = ""
        for v in values { concatenated += sha3Hex(PythonString.str(v)) }
        return sha3Hex(concatenated)
    }

    /// `hashlib.sha3_256(text.encode()).hexdigest()`.
    public static func sha3Hex(_ text: String) -> String {
        Hex.encode(SHA3_256.hash(Array(text.utf8)))
    }
}
