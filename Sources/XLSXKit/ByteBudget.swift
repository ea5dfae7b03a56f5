/// The decompressed bytes one pass over a sheet may read across all parts (`maxTotalBytes`): the
/// small parts and the shared strings are counted once, each pass over a sheet adds the sheet.
struct ByteBudget {
  let total: Int
  var used = 0

  /// The limit for the next part: its own cap, or what is left of the total when that is less,
  /// with the words that finish "… is larger than".
  func allowance(cap: Int, for what: String) -> (limit: Int, reason: String) {
    let left = max(0, total - used)
    if left < cap {
      return (left, "what is left of the \(PartInput.megabytes(total)) this tool reads from one workbook")
    }
    return (cap, "the limit for \(what)")
  }
}
