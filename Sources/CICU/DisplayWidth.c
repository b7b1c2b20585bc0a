#include "GalleyICU.h"

#include <unicode/uchar.h>

int32_t galley_display_width(uint32_t c) {
    if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return 0;
    int8_t type = u_charType((UChar32)c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) return 0;
    // Hangul medial vowels and final consonants join the syllable before them.
    if (c >= 0x1160 && c <= 0x11FF) return 0;
    int32_t width = u_getIntPropertyValue((UChar32)c, UCHAR_EAST_ASIAN_WIDTH);
    return width == U_EA_WIDE || width == U_EA_FULLWIDTH ? 2 : 1;
}

int32_t galley_is_alphanumeric(uint32_t c) {
    return u_isalnum((UChar32)c) ? 1 : 0;
}
