import Foundation
import Yams

/// The contract, `openapi.yaml` (bundled with this module), as YAML text and as JSON.
enum OpenAPIDocument {
    /// The YAML text; empty if the resource bundle is missing. Looked up by hand, next to the
    /// executable: SwiftPM's `Bundle.module` stops the process when it finds no bundle, and a
    /// copied binary without its bundle must not take the validator down with a GET.
    static let yaml: String = {
        let name = "compute-subnet_ComputeSubnetAPI.resources"
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        for directory in [Bundle.main.bundleURL, executable] {
            let bundle = Bundle(path: directory.appendingPathComponent(name).path)
            if let url = bundle?.url(forResource: "openapi", withExtension: "yaml"),
               let text = try? String(contentsOf: url, encoding: .utf8) { return text }
        }
        return ""
    }()

    /// Whether the document was found.
    static var isAvailable: Bool { !yaml.isEmpty }

    /// The document as JSON (sorted keys), converted once.
    static let json: Data = {
        guard let object = try? Yams.load(yaml: yaml), JSONSerialization.isValidJSONObject(object as Any),
              let data = try? JSONSerialization.data(withJSONObject: object as Any, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return Data(#"{"error":"the OpenAPI document is missing from this build"}"#.utf8) }
        return data
    }()
}
