import Foundation
import GRDB
import ReportDeskCore

/// Turns storage failures into the contract's errors at the boundary: no SQL text or bound value
/// reaches a message, and every failure of the store itself is -32004 with nothing changed.
enum StoreErrors {
    static func translate(_ error: any Error, opening location: StoreLocation?) -> DeskError {
        if let desk = error as? DeskError { return desk }
        guard let database = error as? DatabaseError else {
            return DeskError.internalError("internal error: \(type(of: error))")
        }
        let place = location.map { " at \($0.directory)" } ?? ""
        switch database.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .storeUnavailable("the store is busy with another process's write and stayed locked; nothing was changed")
        case .SQLITE_FULL:
            return .diskFull
        case .SQLITE_IOERR:
            return .storeUnavailable("the store could not be read or written (I/O error\(place)); nothing was changed")
        case .SQLITE_CANTOPEN:
            return .storeUnavailable("cannot open the store\(place)")
        case .SQLITE_READONLY:
            return .storeUnavailable("the store\(place) is read-only; nothing was changed")
        case .SQLITE_PERM, .SQLITE_AUTH:
            return .storeUnavailable("no permission to use the store\(place)")
        case .SQLITE_CORRUPT:
            return .storeUnavailable("the store's database\(place) is damaged; nothing was changed (verify names what is damaged and what to do)")
        case .SQLITE_NOTADB:
            return .storeUnavailable("the store file\(place) is damaged or is not a ReportDesk store")
        case .SQLITE_INTERRUPT:
            return DeskError(.requestCancelled, "cancelled; nothing was changed")
        default:
            return .internalError("internal store error (SQLite \(database.resultCode.rawValue)); nothing was changed")
        }
    }
}
