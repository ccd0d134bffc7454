import Foundation
package import Testing

extension Tag {
    /// Crash and kill harnesses, fuzzing and other tests that take more than about ten seconds.
    @Tag package static var slow: Self
}

extension Trait where Self == ConditionTrait {
    /// Skips a slow test when `REPORTDESK_SKIP_SLOW=1` is set (`Scripts/test --quick`); filtering
    /// by tag is not offered by every `swift test`, an environment variable works everywhere.
    package static var skippedInQuickRuns: Self {
        .enabled(if: ProcessInfo.processInfo.environment["REPORTDESK_SKIP_SLOW"] != "1",
                 "slow: REPORTDESK_SKIP_SLOW=1 skips it")
    }
}
