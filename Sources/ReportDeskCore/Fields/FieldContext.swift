/// What a field's value depends on besides the report: the clock for derived facts (R6), which
/// path a stored screenshot is named by, and the taxonomy for the console's display names.
package struct FieldContext {
    /// How a stored screenshot's path appears.
    package enum ScreenshotPath {
        /// The store's own copy (report JSON).
        case stored
        /// Left out (the version log: the path is where the store keeps it, not part of the state).
        case omitted
        /// A path of its own, such as the copy beside an export file (`nil`: no copy).
        case given(String?)
    }

    package var now: Instant
    package var screenshotPath: ScreenshotPath
    package var taxonomy: Taxonomy?

    package init(now: Instant, screenshotPath: ScreenshotPath = .stored, taxonomy: Taxonomy? = nil) {
        self.now = now
        self.screenshotPath = screenshotPath
        self.taxonomy = taxonomy
    }
}
