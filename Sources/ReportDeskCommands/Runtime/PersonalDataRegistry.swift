import Foundation
import ReportDeskStore

/// Every file besides the database that may hold users' personal data: the store's own (snapshots,
/// rejects files) and those front ends keep in its folder, which register themselves (the REPL's
/// history). `erase` walks this one list, whichever front end runs it.
package struct PersonalDataRegistry: Sendable {
    package private(set) var files: [PersonalDataFile]

    /// Snapshots are whole stores and rejects files are the operator's to fix, so both are only listed.
    package static let storeFiles = PersonalDataRegistry(files: [
        PersonalDataFile(name: StoreLocation.snapshotsFolder, isFolder: true, listing: .snapshots),
        PersonalDataFile(name: StoreLocation.rejectsFolder, isFolder: true),
    ])

    /// Adds a file, replacing one registered under the same name.
    package mutating func register(_ file: PersonalDataFile) {
        files.removeAll { $0.name == file.name }
        files.append(file)
    }

    /// Lets every file that can forget `text` do so, then finds, by their bytes, the files in the
    /// store's folder `directory` that still hold it (read a chunk at a time: a snapshot is a
    /// whole store). `progress` is told the bytes searched so far and the bytes there are to search.
    package func forget(_ text: String, in directory: String,
                        progress: (_ searched: Int, _ total: Int) -> Void = { _, _ in }) -> (snapshots: [String], others: [String]) {
        let needle = FileNeedle(text)
        var candidates: [(file: PersonalDataFile, name: String, path: String)] = []
        for file in files {
            let path = directory + "/" + file.name
            file.forget?(text, path)
            let names = file.isFolder ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() : [""]
            for name in names { candidates.append((file, name, name.isEmpty ? path : path + "/" + name)) }
        }
        let total = candidates.reduce(0) { sum, candidate in
            sum + ((try? FileManager.default.attributesOfItem(atPath: candidate.path)[.size] as? Int) ?? 0)
        }
        var searched = 0
        var snapshots: [String] = []
        var others: [String] = []
        for (file, name, path) in candidates {
            let found = needle.isFound(in: path) { count in
                searched += count
                progress(searched, total)
            }
            guard found else { continue }
            switch file.listing {
            case .snapshots: snapshots.append(name.isEmpty ? file.name : name)
            case .otherFiles: others.append(name.isEmpty ? file.name : file.name + "/" + name)
            }
        }
        return (snapshots, others)
    }
}
