// The slice of the system's ICU that Galley uses. This header names no ICU type on purpose:
// Foundation on Linux carries its own ICU, and a Swift module that sees both fails to build.
#ifndef GALLEY_ICU_H
#define GALLEY_ICU_H

#include <stdint.h>

/// Normalization forms accepted by `galley_normalize_utf8`.
enum { GALLEY_NFC = 0, GALLEY_NFKC = 1 };

/// 1 when `c` is unaffected by NFC in any context (ICU's "inert"), else 0.
int32_t galley_nfc_is_inert(uint32_t c);

/// 1 when NFC has a boundary before `c` (a segment may start there), else 0.
int32_t galley_nfc_has_boundary_before(uint32_t c);

/// Normalizes UTF-8 `text` to `form` into `out`. Returns the output length in bytes, the needed
/// length when it exceeds `capacity`, or -1 when ICU fails (invalid input).
int32_t galley_normalize_utf8(int32_t form, const uint8_t *text, int32_t length,
                              uint8_t *out, int32_t capacity);

/// Parses an ICU UnicodeSet pattern (UTF-8, e.g. "[[:Han:]，。]") and writes its code point ranges
/// as inclusive (start, end) pairs into `ranges`. Returns the number of pairs, the needed number
/// when it exceeds `capacityPairs`, or -1 when the pattern is invalid (then `*errorOffset` is the
/// UTF-16 offset ICU reported, or -1).
int32_t galley_set_ranges(const uint8_t *pattern, int32_t length, uint32_t *ranges,
                          int32_t capacityPairs, int32_t *errorOffset);

/// Terminal columns `c` takes: 2 for East Asian Wide and Fullwidth characters, 0 for combining
/// marks, format and control characters, 1 otherwise (East Asian Ambiguous counts as 1, as in
/// terminals outside legacy CJK locales). Defined in DisplayWidth.c.
int32_t galley_display_width(uint32_t c);

/// 1 when `c` is a letter or a digit (ICU's u_isalnum), else 0.
int32_t galley_is_alphanumeric(uint32_t c);

#endif
