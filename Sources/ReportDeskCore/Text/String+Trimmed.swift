extension String {
    /// The text without white space or line breaks at either end; plain Swift, so trimming does
    /// not go through Foundation's NSString bridge on every query.
    package var trimmed: String {
        var characters = Substring(self)
        while let first = characters.first, first.isWhitespace { characters.removeFirst() }
        while let last = characters.last, last.isWhitespace { characters.removeLast() }
        return String(characters)
    }
}
