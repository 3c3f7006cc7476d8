import Foundation
import Yams

/// The contract, `openapi.yaml` (bundled with this module), as YAML text and as JSON.
enum OpenAPIDocument {
    /// The YAML text; empty if the resource bundle is missing.
    static let yaml: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return "" }
        return text
    }()

    /// The document as JSON (sorted keys), converted once.
    static let json: Data = {
        guard let object = try? Yams.load(yaml: yaml), JSONSerialization.isValidJSONObject(object as Any),
              let data = try? JSONSerialization.data(withJSONObject: object as Any, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return Data(#"{"error":"the OpenAPI document is missing from this build"}"#.utf8) }
        return data
    }()
}
