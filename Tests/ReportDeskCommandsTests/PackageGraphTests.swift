import Foundation
import Testing
import ReportDeskTesting

/// The README's table of modules is what `Package.swift` declares, and the layering it promises
/// holds: the interpreter and the front ends never import the store.
@Suite("The README's module graph is Package.swift's")
struct PackageGraphTests {
    /// Every product target of the package with what it depends on: modules, and products of other
    /// packages by name.
    static func declared() throws -> [String: Set<String>] {
        let manifest = try #require(GoldenFile("Package.swift").read())
        var graph: [String: Set<String>] = [:]
        for chunk in manifest.components(separatedBy: ".target(").dropFirst()
            + manifest.components(separatedBy: ".executableTarget(").dropFirst() {
            guard let name = Self.strings(after: "name: ", in: chunk).first, !name.hasSuffix("Testing"), name != "HotPaths" else { continue }
            var dependencies = Set<String>()
            if let open = chunk.range(of: "dependencies: [") {
                var depth = 1
                var index = open.upperBound
                while depth > 0, index < chunk.endIndex {
                    if chunk[index] == "[" { depth += 1 }
                    if chunk[index] == "]" { depth -= 1 }
                    index = chunk.index(after: index)
                }
                let list = String(chunk[open.upperBound..<index])
                let packages = Self.strings(after: "package: ", in: list)
                dependencies = Set(Self.strings(after: "", in: list)).subtracting(packages)
            }
            graph[name] = dependencies
        }
        return graph
    }

    /// The quoted strings in `text` that follow `prefix`.
    static func strings(after prefix: String, in text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: NSRegularExpression.escapedPattern(for: prefix) + "\"([^\"]+)\"")
        let range = NSRange(text.startIndex..., in: text)
        return pattern.matches(in: text, range: range).compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } }
    }

    /// The table between the module-graph markers: module → what it imports.
    static func drawn() throws -> [String: Set<String>] {
        let readme = try #require(GoldenFile("README.md").read())
        let start = try #require(readme.range(of: "<!-- module-graph:begin -->"))
        let end = try #require(readme.range(of: "<!-- module-graph:end -->"))
        var graph: [String: Set<String>] = [:]
        for line in readme[start.upperBound..<end.lowerBound].split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 2 else { continue }
            let module = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let imports = cells[1] == "—" ? [] : cells[1].split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
            graph[module] = Set(imports)
        }
        return graph
    }

    @Test("every module and every dependency in the README's table is the one Package.swift declares")
    func tableMatchesManifest() throws {
        let declared = try Self.declared()
        let drawn = try Self.drawn()
        #expect(Set(drawn.keys) == Set(declared.keys), "modules: README \(drawn.keys.sorted()), Package.swift \(declared.keys.sorted())")
        for (module, dependencies) in declared {
            #expect(drawn[module] == dependencies, "\(module): README \(drawn[module]?.sorted() ?? []), Package.swift \(dependencies.sorted())")
        }
    }

    @Test("front ends and the interpreter never depend on the store; the store on no front end")
    func layering() throws {
        let declared = try Self.declared()
        for module in ["ReportDeskInterpreter", "ReportDeskREPL", "ReportDeskRPC", "reportdesk"] {
            #expect(declared[module]?.contains("ReportDeskStore") == false, "\(module) imports the store")
        }
        #expect(declared["ReportDeskStore"] == ["ReportDeskCore", "GRDB", "Crypto"])
        #expect(declared["ReportDeskInterpreter"] == ["ReportDeskCore"])
    }
}
