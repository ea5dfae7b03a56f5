internal import CLibXML2
import ZipKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One XML part of the package read with libxml2's streaming xmlTextReader, with every guard in
/// place. Nothing of the part is ever held whole: libxml2 pulls bytes from the ZIP entry through
/// `PartInput` (byte budget, compression-ratio cap, `XMLByteScreen`) and frees each node once the
/// reader has moved past it.
///
/// Parser options: `XML_PARSE_NONET` (no network, ever), no error or warning printing (errors reach
/// this reader's own handler, no global state), `XML_PARSE_IGNORE_ENC` with UTF-8 (a declared
/// encoding cannot switch libxml2 to a form the byte screen cannot see through). Never `NOENT`,
/// `DTDLOAD`, `DTDATTR`, `DTDVALID`, `HUGE` or `XINCLUDE`: entities are not substituted, no DTD is
/// loaded, libxml2's size limits stay on. A DOCTYPE is refused twice: by the byte screen before
/// libxml2 sees it, and as a node type should anything get past the screen.
final class XMLPart {
  /// Node types of xmlTextReader (xmlReaderTypes).
  enum NodeType {
    static let element: Int32 = 1
    static let text: Int32 = 3
    static let cdata: Int32 = 4
    static let entityReference: Int32 = 5
    static let entity: Int32 = 6
    static let documentType: Int32 = 10
    static let whitespace: Int32 = 13
    static let significantWhitespace: Int32 = 14
    static let endElement: Int32 = 15
  }

  /// The part name as messages show it (`xl/worksheets/sheet1.xml`).
  let name: String
  private let input: PartInput
  private let reader: OpaquePointer

  static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
    | XML_PARSE_IGNORE_ENC.rawValue | XML_PARSE_COMPACT.rawValue)

  /// Opens `entry` for reading as part `name`. `limit` is the decompressed byte budget, `limitReason`
  /// completes "… is larger than …" when the budget runs out. `screening` is off only in tests that
  /// check what libxml2 alone would do.
  init(
    archive: ZipArchive, entry: ZipEntry, name: String, limit: Int, limitReason: String, limits: XLSXLimits,
    screening: Bool = true
  ) throws(XLSXError) {
    // The declared size can lie low (the stream's limit still holds), but when it is honest and too
    // large, nothing needs to be read to know.
    if entry.uncompressedSize > UInt64(max(0, limit)) {
      throw XLSXError(
        .tooLarge, "\(name) is larger than \(limitReason) (\(PartInput.megabytes(limit))): it declares \(entry.uncompressedSize) bytes; it was not read",
        part: name)
    }
    let stream: ZipEntryStream
    do {
      stream = try ZipEntryStream(archive: archive, entry: entry, limit: limit)
    } catch {
      throw PartInput.zipFailure(error, part: name)
    }
    _ = Self.libraryInitialized
    let input = PartInput(stream: stream, part: name, limitReason: limitReason, limits: limits, screening: screening)
    let context = Unmanaged.passUnretained(input).toOpaque()
    guard let reader = xmlReaderForIO(readCallback, nil, context, nil, "UTF-8", Self.options) else {
      throw input.failure ?? XLSXError(.unreadable, "\(name) cannot be read: libxml2 could not start a reader for it", part: name)
    }
    xmlTextReaderSetStructuredErrorHandler(reader, errorCallback, context)
    self.name = name
    self.input = input
    self.reader = reader
  }

  /// libxml2 2.9 must be initialised once before threads use it (its lazy initialisation races);
  /// a static is initialised exactly once, whichever thread gets there first.
  private static let libraryInitialized: Void = xmlInitParser()

  deinit {
    releaseHeldValue()
    xmlFreeTextReader(reader)
  }

  // MARK: - Attributes without reader calls

  /// The current element's attributes (not its namespace declarations), read straight from the
  /// node libxml2 built for it: no reader call per attribute, for the cells of big sheets.
  /// Valid until the next move.
  var attributes: Attributes {
    Attributes(current: xmlTextReaderCurrentNode(reader)?.pointee.properties, part: self)
  }

  struct Attributes: Sequence, IteratorProtocol {
    var current: UnsafeMutablePointer<xmlAttr>?
    // The part outlives every iteration over its attributes; no reference counting per attribute.
    unowned(unsafe) let part: XMLPart

    mutating func next() -> Attribute? {
      guard let attribute = current else { return nil }
      current = attribute.pointee.next
      return Attribute(pointer: attribute, part: part)
    }
  }

  struct Attribute {
    let pointer: UnsafeMutablePointer<xmlAttr>
    unowned(unsafe) let part: XMLPart

    func nameIs(_ literal: StaticString) -> Bool { XMLPart.equal(pointer.pointee.name, literal) }
    /// No prefix (`r`, not `x14ac:dyDescent`).
    var isPlain: Bool { pointer.pointee.ns == nil }

    /// The value's bytes: the content of its one text node (valid until the part moves on), or,
    /// should libxml2 have split it into several, their joined text (valid until another split
    /// value is joined or the part is freed).
    var value: UnsafeBufferPointer<UInt8> {
      guard let child = pointer.pointee.children else { return UnsafeBufferPointer(start: nil, count: 0) }
      if child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE, let content = child.pointee.content {
        return UnsafeBufferPointer(start: content, count: strlen(content))
      }
      var bytes: [UInt8] = []
      var node: UnsafeMutablePointer<xmlNode>? = child
      while let text = node {
        if let content = text.pointee.content {
          bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: strlen(content)))
        }
        node = text.pointee.next
      }
      part.releaseHeldValue()
      let joined = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
      _ = joined.initialize(from: bytes)
      part.heldValue = joined
      return UnsafeBufferPointer(joined)
    }

    var string: String { String(decoding: value, as: UTF8.self) }
  }

  /// The last joined attribute value handed out.
  fileprivate var heldValue: UnsafeMutableBufferPointer<UInt8>?

  fileprivate func releaseHeldValue() {
    heldValue?.deallocate()
    heldValue = nil
  }

  // MARK: - Reading

  /// Decompressed bytes of the part read so far.
  var bytesRead: Int { input.stream.delivered }

  /// Moves to the next node and returns its type (`NodeType`); nil at the end of the part. Throws
  /// the first problem: the byte screen's or the budget's (hostile, tooLarge), the ZIP's
  /// (unreadable), libxml2's (malformed).
  func next() throws(XLSXError) -> Int32? {
    let result = xmlTextReaderRead(reader)
    if result == 1 {
      let type = xmlTextReaderNodeType(reader)
      if type == NodeType.documentType || type == NodeType.entityReference || type == NodeType.entity {
        throw XLSXError(.hostile, "\(name) contains a DOCTYPE declaration, which Excel never writes; it was not read (DTDs carry entity-expansion and external-file attacks)", part: name)
      }
      return type
    }
    if let failure = input.failure { throw failure }
    if result == 0 && input.fatal == nil { return nil }
    throw input.parseFailure()
  }

  /// 0 for the root element.
  var depth: Int { Int(xmlTextReaderDepth(reader)) }
  /// `<x/>`: no end-element node follows. Only meaningful on an element, before moving to its attributes.
  var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

  /// The current node's local name (no prefix) is `literal`. Compares bytes: no String per node.
  func nameIs(_ literal: StaticString) -> Bool {
    Self.equal(xmlTextReaderConstLocalName(reader), literal)
  }

  /// Moves to the element's next attribute (namespace declarations included); false when there is none.
  func nextAttribute() -> Bool { xmlTextReaderMoveToNextAttribute(reader) == 1 }
  /// Moves to the element's next unprefixed attribute, skipping namespace declarations and
  /// prefixed attributes; false when there is none.
  func nextPlainAttribute() -> Bool {
    while xmlTextReaderMoveToNextAttribute(reader) == 1 {
      if xmlTextReaderConstNamespaceUri(reader) == nil { return true }
    }
    return false
  }
  /// The current attribute is an `xmlns` declaration.
  var isNamespaceDeclaration: Bool { xmlTextReaderIsNamespaceDecl(reader) == 1 }
  /// Back from the attributes to their element.
  func moveToElement() { xmlTextReaderMoveToElement(reader) }
  /// The attribute has no prefix (namespace declarations have the xmlns namespace).
  var isPlainAttribute: Bool { xmlTextReaderConstNamespaceUri(reader) == nil }

  /// The text of a text node or the value of an attribute, NUL-terminated; valid until the next move.
  var value: UnsafePointer<UInt8>? { xmlTextReaderConstValue(reader) }

  /// The value as a String (small parts only).
  var valueString: String {
    guard let value else { return "" }
    return String(cString: value)
  }

  /// The value's bytes without the NUL.
  var valueBytes: UnsafeBufferPointer<UInt8> {
    guard let value else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(start: value, count: strlen(value))
  }

  /// The line libxml2's parser has reached (for messages about the current element).
  var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

  /// A `.malformed` error about this part at the current line.
  func malformed(_ problem: String) -> XLSXError {
    XLSXError(.malformed, "\(name), line \(line): \(problem)", part: name, line: line)
  }

  @inline(__always) static func equal(_ pointer: UnsafePointer<UInt8>?, _ literal: StaticString) -> Bool {
    guard let pointer else { return false }
    let bytes = literal.utf8Start
    let count = literal.utf8CodeUnitCount
    for i in 0..<count where pointer[i] != bytes[i] { return false }
    return pointer[count] == 0
  }
}

/// The bridge between libxml2's pull callback and a ZIP entry: budget, ratio and screen, and the
/// first problem found (a C callback cannot throw, so it returns -1 and the problem waits here).
final class PartInput {
  let stream: ZipEntryStream
  let part: String
  let limitReason: String
  let limits: XLSXLimits
  let screening: Bool
  private var screen: XMLByteScreen
  /// Our own reason for stopping the part (budget, ratio, screen, ZIP damage).
  var failure: XLSXError?
  /// libxml2's first fatal error and first error of any level: message, line, column.
  var fatal: (message: String, line: Int, column: Int)?
  var firstError: (message: String, line: Int, column: Int)?

  init(stream: ZipEntryStream, part: String, limitReason: String, limits: XLSXLimits, screening: Bool) {
    self.stream = stream
    self.part = part
    self.limitReason = limitReason
    self.limits = limits
    self.screening = screening
    self.screen = XMLByteScreen(maxAttributes: limits.maxAttributesPerElement)
  }

  /// libxml2 asks for up to `buffer.count` bytes: the count given, 0 at the end, -1 to stop.
  func fill(_ buffer: UnsafeMutableRawBufferPointer) -> Int32 {
    if failure != nil { return -1 }
    let n: Int
    do {
      n = try stream.read(into: buffer)
    } catch {
      failure = Self.zipFailure(error, part: part)
      return -1
    }
    if n == 0 {
      if stream.exceededLimit {
        failure = XLSXError(
          .tooLarge, "\(part) is larger than \(limitReason) (\(Self.megabytes(stream.limit))); it was not read further",
          part: part)
        return -1
      }
      return 0
    }
    let delivered = UInt64(stream.delivered)
    let (allowed, overflow) = stream.entry.compressedSize.multipliedReportingOverflow(by: UInt64(max(1, limits.maxCompressionRatio)))
    if delivered > UInt64(max(0, limits.compressionRatioGraceBytes)), !overflow, delivered > allowed {
      failure = XLSXError(
        .hostile,
        "\(part) inflates to more than \(limits.maxCompressionRatio) times its compressed size (\(stream.entry.compressedSize) bytes), as a compression bomb does; it was not read further",
        part: part)
      return -1
    }
    if screening, let problem = screen.screen(UnsafeRawBufferPointer(start: buffer.baseAddress, count: n)) {
      switch problem {
      case .declaration:
        failure = XLSXError(
          .hostile,
          "\(part) contains a DOCTYPE or another DTD declaration, which Excel never writes; it was not read (DTDs carry entity-expansion and external-file attacks)",
          part: part)
      case .tooManyAttributes:
        failure = XLSXError(
          .hostile,
          "\(part) has an element with more than \(limits.maxAttributesPerElement) attributes, which Excel never writes; it was not read further",
          part: part)
      case .notUTF8(let encoding):
        failure = XLSXError(
          .malformed, "\(part) is encoded in \(encoding); this tool reads UTF-8 parts, as Excel writes them. Open the file in Excel and save it again",
          part: part)
      }
      return -1
    }
    return Int32(n)
  }

  /// libxml2's structured error for this reader.
  func record(_ error: xmlError) {
    guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
    var message = error.message.map { String(cString: $0) } ?? "unknown error (code \(error.code))"
    while message.last == "\n" || message.last == " " { message.removeLast() }
    let entry = (message, Int(error.line), Int(error.int2))
    if firstError == nil { firstError = entry }
    if fatal == nil && error.level.rawValue >= XML_ERR_FATAL.rawValue { fatal = entry }
  }

  /// The malformed-XML error for a part libxml2 gave up on.
  func parseFailure() -> XLSXError {
    guard let error = fatal ?? firstError else {
      return XLSXError(.malformed, "\(part) is not well-formed XML (libxml2 gave no reason)", part: part)
    }
    let column = error.column > 0 ? ", column \(error.column)" : ""
    return XLSXError(
      .malformed, "\(part), line \(error.line)\(column): not well-formed XML: \(error.message)", part: part,
      line: error.line)
  }

  static func zipFailure(_ error: ZipError, part: String) -> XLSXError {
    switch error.kind {
    case .encrypted:
      return XLSXError(.unreadable, "\(part) is encrypted inside the ZIP and cannot be read: \(error.message)", part: part)
    case .crcMismatch, .sizeMismatch:
      return XLSXError(.unreadable, "\(part) is damaged (the file may be truncated or corrupted): \(error.message)", part: part)
    default:
      return XLSXError(.unreadable, "\(part) cannot be read: \(error.message)", part: part)
    }
  }

  static func megabytes(_ bytes: Int) -> String {
    bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
  }
}

private let readCallback: xmlInputReadCallback = { context, buffer, length in
  guard let context, let buffer, length > 0 else { return 0 }
  let input = Unmanaged<PartInput>.fromOpaque(context).takeUnretainedValue()
  return input.fill(UnsafeMutableRawBufferPointer(start: buffer, count: Int(length)))
}

private let errorCallback: xmlStructuredErrorFunc = { context, error in
  guard let context, let error else { return }
  Unmanaged<PartInput>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
}
