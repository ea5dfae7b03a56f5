import PIMClient

/// A sink that masks the run's secrets in everything written through it: the last line of
/// defence, whatever a server echoes back.
final class RedactingSink: TextSink {
  private let inner: TextSink
  private let secrets: SecretList

  init(_ inner: TextSink, secrets: SecretList) {
    self.inner = inner
    self.secrets = secrets
  }

  func write(_ text: String) { inner.write(secrets.redact(text)) }
  func flush() { inner.flush() }
}

extension Console {
  /// The same console with both streams masking `secrets`.
  func redacting(_ secrets: SecretList) -> Console {
    var copy = self
    copy.stdout = RedactingSink(stdout, secrets: secrets)
    copy.stderr = RedactingSink(stderr, secrets: secrets)
    return copy
  }
}
