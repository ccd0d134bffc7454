import Dispatch
import Synchronization

/// What the reader thread found, waiting for the main thread in arrival order. Unbounded on
/// purpose: the reader keeps draining stdin, so a client that writes everything before it reads
/// never deadlocks against a server blocked on a full stdout pipe.
final class Inbox: Sendable {
    enum Item: Sendable {
        case inbound(Inbound)
        case end
    }

    private let items = Mutex(FIFO<Item>())
    private let available = DispatchSemaphore(value: 0)

    func put(_ item: Item) {
        items.withLock { $0.append(item) }
        available.signal()
    }

    /// Whether more items are already waiting (the main loop holds replies while they are).
    var hasWaiting: Bool { items.withLock { !$0.isEmpty } }

    func take() -> Item {
        available.wait()
        return items.withLock { $0.popFirst()! }
    }
}
