/// A file or folder in the store's folder, outside the database and its screenshots, that may hold
/// users' personal data (a snapshot, an import's rejects, the REPL's history). `erase` lets it
/// forget the user where its format allows, then lists it if it still holds the data.
package struct PersonalDataFile: Sendable {
    /// Which list of `erase`'s result names the file.
    package enum Listing: Sendable {
        /// `snapshotsHoldingData`, by snapshot file name.
        case snapshots
        /// `otherFilesHoldingData`, by path in the store's folder.
        case otherFiles
    }

    /// The path in the store's folder.
    package let name: String
    /// Whether every file in the folder `name` counts, rather than the file `name`.
    package let isFolder: Bool
    package let listing: Listing
    /// Removes what mentions the text from the file at the path; `nil` when the file can only be listed.
    package let forget: (@Sendable (_ text: String, _ path: String) -> Void)?

    package init(name: String, isFolder: Bool = false, listing: Listing = .otherFiles,
                 forget: (@Sendable (_ text: String, _ path: String) -> Void)? = nil) {
        self.name = name
        self.isFolder = isFolder
        self.listing = listing
        self.forget = forget
    }
}
