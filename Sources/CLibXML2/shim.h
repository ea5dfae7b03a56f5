#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU; its encoding.h would pull in the system <unicode/...>
   headers, which clash with the toolchain's _FoundationICU module on Swift 6.3.0/6.3.1.
   The #undef only drops two ICU-only fields of xmlCharEncodingHandler, which we never touch. */
#ifdef LIBXML_ICU_ENABLED
#undef LIBXML_ICU_ENABLED
#endif
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#endif
