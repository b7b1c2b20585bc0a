// Word boundaries from ICU's word break iterator for "zh" (dictionary segmentation of Han text).
// Like GalleyICU.h, this header names no ICU type: Foundation on Linux carries its own ICU.
#ifndef GALLEY_WORD_BREAK_H
#define GALLEY_WORD_BREAK_H

#include <stdint.h>

/// Finds the word boundaries of UTF-8 `text` and writes the byte offsets of those strictly inside
/// it (0 and `length` left out), in increasing order, into `boundaries`. Returns how many there are
/// (only the first `capacity` are written when there are more), or -1 when ICU fails.
/// Each thread opens its break iterator once (a clone of one opened per process) and reuses it,
/// so a call costs the segmentation of `text` only; keep `text` short (the words around a gap).
int32_t galley_word_boundaries_utf8(const uint8_t *text, int32_t length, int32_t *boundaries,
                                    int32_t capacity);

#endif
