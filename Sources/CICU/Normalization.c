#include "GalleyICU.h"

#include <stdlib.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uset.h>

static const UNormalizer2 *instance(int32_t form) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = form == GALLEY_NFKC ? unorm2_getNFKCInstance(&status)
                                                : unorm2_getNFCInstance(&status);
    return U_SUCCESS(status) ? n : NULL;
}

int32_t galley_nfc_is_inert(uint32_t c) {
    const UNormalizer2 *n = instance(GALLEY_NFC);
    return n != NULL && unorm2_isInert(n, (UChar32)c) ? 1 : 0;
}

int32_t galley_nfc_has_boundary_before(uint32_t c) {
    const UNormalizer2 *n = instance(GALLEY_NFC);
    return n != NULL && unorm2_hasBoundaryBefore(n, (UChar32)c) ? 1 : 0;
}

int32_t galley_normalize_utf8(int32_t form, const uint8_t *text, int32_t length,
                              uint8_t *out, int32_t capacity) {
    const UNormalizer2 *n = instance(form);
    if (n == NULL || length < 0) return -1;
    // The callers pass short segments (one character or one combining sequence), so the
    // UTF-16 round trip stays cheap; the page as a whole never goes through here.
    UErrorCode status = U_ZERO_ERROR;
    int32_t units = 0;
    u_strFromUTF8(NULL, 0, &units, (const char *)text, length, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return -1;
    status = U_ZERO_ERROR;
    UChar *source = malloc(sizeof(UChar) * (size_t)(units + 1));
    UChar *target = malloc(sizeof(UChar) * (size_t)(units * 18 + 1));
    int32_t result = -1;
    if (source != NULL && target != NULL) {
        u_strFromUTF8(source, units + 1, NULL, (const char *)text, length, &status);
        int32_t produced = U_SUCCESS(status)
            ? unorm2_normalize(n, source, units, target, units * 18 + 1, &status) : 0;
        if (U_SUCCESS(status)) {
            int32_t bytes = 0;
            u_strToUTF8((char *)out, capacity, &bytes, target, produced, &status);
            if (U_SUCCESS(status) || status == U_BUFFER_OVERFLOW_ERROR
                || status == U_STRING_NOT_TERMINATED_WARNING) result = bytes;
        }
    }
    free(source);
    free(target);
    return result;
}

int32_t galley_set_ranges(const uint8_t *pattern, int32_t length, uint32_t *ranges,
                          int32_t capacityPairs, int32_t *errorOffset) {
    *errorOffset = -1;
    UErrorCode status = U_ZERO_ERROR;
    int32_t units = 0;
    u_strFromUTF8(NULL, 0, &units, (const char *)pattern, length, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return -1;
    status = U_ZERO_ERROR;
    UChar *source = malloc(sizeof(UChar) * (size_t)(units + 1));
    if (source == NULL) return -1;
    u_strFromUTF8(source, units + 1, NULL, (const char *)pattern, length, &status);
    USet *set = U_SUCCESS(status) ? uset_openPattern(source, units, &status) : NULL;
    free(source);
    if (U_FAILURE(status) || set == NULL) {
        if (set != NULL) uset_close(set);
        return -1;
    }
    int32_t count = uset_getRangeCount(set);
    for (int32_t i = 0; i < count && i < capacityPairs; i++) {
        UChar32 start = 0, end = 0;
        UErrorCode itemStatus = U_ZERO_ERROR;
        uset_getItem(set, i, &start, &end, NULL, 0, &itemStatus);
        ranges[2 * i] = (uint32_t)start;
        ranges[2 * i + 1] = (uint32_t)end;
    }
    uset_close(set);
    return count;
}
