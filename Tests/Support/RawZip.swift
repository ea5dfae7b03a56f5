/// Writes ZIP bytes by hand, so tests can make what no honest tool writes: unsafe names,
/// symlinks, encryption flags, CP437 names, lying sizes, overlapping entries.
public struct RawZip {
  public struct Entry {
    public var name: [UInt8]
    public var data: [UInt8]
    public var utf8Flag: Bool
    public var encrypted: Bool
    public var method: UInt16
    /// Declared uncompressed size (nil: the data's length).
    public var declaredSize: UInt32?
    /// UNIX mode in the external attributes (e.g. 0o120777 for a symlink).
    public var unixMode: UInt32?
    /// A checksum that lies (nil: the data's real CRC-32).
    public var crc: UInt32?

    public init(
      _ name: String, _ data: [UInt8], utf8Flag: Bool = true, encrypted: Bool = false, method: UInt16 = 0,
      declaredSize: UInt32? = nil, unixMode: UInt32? = nil
    ) {
      self.init(raw: Array(name.utf8), data, utf8Flag: utf8Flag, encrypted: encrypted, method: method, declaredSize: declaredSize, unixMode: unixMode)
    }

    public init(
      raw name: [UInt8], _ data: [UInt8], utf8Flag: Bool = false, encrypted: Bool = false, method: UInt16 = 0,
      declaredSize: UInt32? = nil, unixMode: UInt32? = nil
    ) {
      self.name = name
      self.data = data
      self.utf8Flag = utf8Flag
      self.encrypted = encrypted
      self.method = method
      self.declaredSize = declaredSize
      self.unixMode = unixMode
    }
  }

  public var entries: [Entry]
  /// Central-directory records that point at the local header of another entry (overlap).
  public var aliases: [(name: String, target: Int)] = []

  public init(_ entries: [Entry]) { self.entries = entries }

  public func bytes() -> [UInt8] {
    var out: [UInt8] = []
    var offsets: [UInt32] = []
    for entry in entries {
      offsets.append(UInt32(out.count))
      out += [0x50, 0x4B, 0x03, 0x04]
      header(entry, into: &out, central: false)
      out += entry.name
      out += entry.data
    }
    let directoryStart = out.count
    var count: UInt16 = 0
    for (index, entry) in entries.enumerated() {
      central(entry, offset: offsets[index], into: &out)
      count += 1
    }
    for alias in aliases {
      var entry = entries[alias.target]
      entry.name = Array(alias.name.utf8)
      central(entry, offset: offsets[alias.target], into: &out)
      count += 1
    }
    let directorySize = out.count - directoryStart
    out += [0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0]
    out.appendLittleEndian16(count)
    out.appendLittleEndian16(count)
    out.appendLittleEndian32(UInt32(directorySize))
    out.appendLittleEndian32(UInt32(directoryStart))
    out.appendLittleEndian16(0)
    return out
  }

  private func central(_ entry: Entry, offset: UInt32, into out: inout [UInt8]) {
    out += [0x50, 0x4B, 0x01, 0x02]
    out.appendLittleEndian16(entry.unixMode != nil ? 0x031E : 0x0014)
    header(entry, into: &out, central: true)
    out.appendLittleEndian16(0)  // comment length
    out.appendLittleEndian16(0)  // disk
    out.appendLittleEndian16(0)  // internal attributes
    out.appendLittleEndian32((entry.unixMode ?? 0) << 16)
    out.appendLittleEndian32(offset)
    out += entry.name
  }

  /// The fields local and central headers share (from "version needed" to "extra length").
  private func header(_ entry: Entry, into out: inout [UInt8], central: Bool) {
    out.appendLittleEndian16(0x0014)
    var flags: UInt16 = 0
    if entry.utf8Flag { flags |= 0x0800 }
    if entry.encrypted { flags |= 0x0001 }
    out.appendLittleEndian16(flags)
    out.appendLittleEndian16(entry.method)
    out.appendLittleEndian16(0)  // time
    out.appendLittleEndian16(0x5821)  // date 2024-01-01
    out.appendLittleEndian32(entry.crc ?? FixtureCRC32.checksum(entry.data))
    out.appendLittleEndian32(UInt32(entry.data.count))
    out.appendLittleEndian32(entry.declaredSize ?? UInt32(entry.data.count))
    out.appendLittleEndian16(UInt16(entry.name.count))
    out.appendLittleEndian16(0)
  }
}
