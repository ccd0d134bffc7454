import Foundation
package import ReportDeskCore

/// The cross-front-end scenario in Samples/scenario: method calls that every front end runs.
package struct Scenario: Sendable {
    package struct Step: Sendable {
        package let method: String
        package let params: JSONObject
    }

    package let steps: [Step]
    /// The fixed clock the scenario is written for.
    package static let clock = "2026-11-24T12:00:00Z"

    package static func load(_ name: String = "vertical-slice") throws -> Scenario {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("Samples/scenario/\(name).jsonl"), encoding: .utf8)
        let steps = try text.split(separator: "\n").map { line -> Step in
            let value = try JSONParser.parse(String(line))
            return Step(method: value["method"]?.stringValue ?? "", params: value["params"]?.objectValue ?? JSONObject())
        }
        return Scenario(steps: steps)
    }
}

extension Scenario.Step {
    /// The step as command-line words: `appeal open --id 2 --message …`.
    package var words: [String] {
        var words = method.split(separator: ".").map(String.init)
        for (name, value) in params {
            let flag = "--" + name.map { $0.isUppercase ? "-" + $0.lowercased() : String($0) }.joined()
            switch value {
            case .bool(let flag2): words.append("\(flag)=\(flag2)")
            case .array(let items): words += [flag, items.map(Self.text).joined(separator: ",")]
            default: words += [flag, Self.text(value)]
            }
        }
        return words
    }

    /// The step as one script line, every word quoted the way a shell would need.
    package var scriptLine: String {
        words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
    }

    private static func text(_ value: JSONValue) -> String {
        value.stringValue ?? JSONWriter.string(value)
    }
}
