extension DiagnosticCode {
  /// Every code the tool can report, in stage order then table order: the source for
  /// `explain`, the README table and (later) SARIF rules. A test keeps the list complete.
  public static let all: [DiagnosticCode] = [
    .inputUnreadable, .notCSVExtension, .encodingNotUTF8, .utf8BOM, .wrongDelimiter, .malformedQuotes,
    .raggedRow, .blankRow, .controlCharacter, .noDataRows, .recordTooLarge, .missingRequiredColumn,
    .missingOptionalColumn, .unknownColumn, .legacyColumnName, .columnNameMismatch, .duplicateColumn,
    .columnOrder, .missingRequiredValue, .invalidNumber, .outOfRange, .invalidBoolean, .booleanSpelling,
    .invalidEnum, .tooLong, .emptyListItem, .surroundingWhitespace, .formulaLikeValue, .formulaError, .duplicateSKU,
    .skuInSeveralCollections, .excelMangledValue, .inconsistentName, .incompleteDimensions, .typeAmbiguous,
    // unpacking_archive
    .archiveUnreadable, .archiveNotZip, .archiveExtension, .archiveTooLarge, .archiveCorrupt,
    .archiveEmpty, .entryEncrypted, .entryCompression, .entryUnsafePath, .entrySymlink, .entryDuplicate,
    .entryNameEncoding, .entryNameNFD, .nestedArchive, .junkEntry, .zipBomb, .entryCRCMismatch,
    // checking_images
    .imageMissing, .imagePrefixUnmatched, .imageAmbiguous, .imageUnreferenced, .imageFormat, .imageExtensionMismatch,
    .imageUnreadable, .imageColorMode, .imageDPILow, .imageDPIMissing, .imageResolutionLow,
    .imageDimensionsExtreme, .imageAlphaMissing,
  ]
}
