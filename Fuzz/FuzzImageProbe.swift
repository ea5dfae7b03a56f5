// libFuzzer entry point for ImageProbe; linked twice, as fuzz-jpeg and fuzz-png (same code, separate
// seed corpora under Fuzz/corpus/). Built by `make fuzz`, never by `swift build` (see the Makefile).
import ImageProbe

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))

  let complete = ImageProbe.probe(bytes, isComplete: true)
  let partial = ImageProbe.probe(bytes, isComplete: false)
  // A complete file never asks for more bytes.
  if complete == .needMore { fatalError("probe(isComplete: true) returned .needMore") }
  // Given the whole file, a streaming caller either waits for more or already has the final answer.
  if partial != .needMore && partial != complete {
    fatalError("probe(isComplete: false) = \(partial), but probe(isComplete: true) = \(complete)")
  }

  // The same for a prefix (a streaming caller that has not read the whole file yet).
  for cut in [bytes.count / 2, bytes.count - 1] where cut > 0 {
    let early = ImageProbe.probe(Array(bytes[..<cut]), isComplete: false)
    if early != .needMore && early != complete {
      fatalError("probe(first \(cut) of \(bytes.count) bytes, isComplete: false) = \(early), whole file = \(complete)")
    }
  }

  let format = ImageProbe.format(of: bytes)
  switch complete {
  case .image(let info):
    if info.format != format { fatalError("probe says \(info.format), format(of:) says \(format)") }
    if info.width < 0 || info.height < 0 { fatalError("negative dimensions \(info.width)×\(info.height)") }
    _ = (info.displayWidth, info.displayHeight, info.pixelCount)
  case .notAnImage(let other):
    if other != format { fatalError("probe says not an image (\(other)), format(of:) says \(format)") }
  case .invalid(let reason):
    if reason.isEmpty { fatalError("invalid with an empty reason") }
  case .needMore:
    break
  }

  let tail = Array(bytes.suffix(64))
  _ = ImageProbe.hasEndMarker(.jpeg, tail: tail)
  _ = ImageProbe.hasEndMarker(.png, tail: tail)
  _ = ImageProbe.hasEndMarker(format, tail: tail)
  return 0
}
