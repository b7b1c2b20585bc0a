#include "GalleyWordBreak.h"

#include <pthread.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <unicode/uversion.h>

// ubrk_open loads the rules and the dictionary: done once per process for the template, and
// once per thread for its clone, which a thread-specific key closes when the thread ends.
static pthread_once_t once = PTHREAD_ONCE_INIT;
static UBreakIterator *template_iterator = NULL;
static pthread_key_t thread_iterator_key;

static void close_iterator(void *iterator) { ubrk_close((UBreakIterator *)iterator); }

static void open_template(void) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_open(UBRK_WORD, "zh", NULL, 0, &status);
    if (U_FAILURE(status)) {
        if (iterator != NULL) ubrk_close(iterator);
        return;
    }
    if (pthread_key_create(&thread_iterator_key, close_iterator) != 0) {
        ubrk_close(iterator);
        return;
    }
    template_iterator = iterator;
}

static UBreakIterator *thread_iterator(void) {
    pthread_once(&once, open_template);
    if (template_iterator == NULL) return NULL;
    UBreakIterator *iterator = pthread_getspecific(thread_iterator_key);
    if (iterator != NULL) return iterator;
    UErrorCode status = U_ZERO_ERROR;
#if U_ICU_VERSION_MAJOR_NUM >= 69
    iterator = ubrk_clone(template_iterator, &status);
#else
    iterator = ubrk_safeClone(template_iterator, NULL, NULL, &status);
#endif
    if (U_FAILURE(status) || iterator == NULL) return NULL;
    if (pthread_setspecific(thread_iterator_key, iterator) != 0) {
        ubrk_close(iterator);
        return NULL;
    }
    return iterator;
}

int32_t galley_word_boundaries_utf8(const uint8_t *text, int32_t length, int32_t *boundaries,
                                    int32_t capacity) {
    if (length < 0) return -1;
    UBreakIterator *iterator = thread_iterator();
    if (iterator == NULL) return -1;
    UErrorCode status = U_ZERO_ERROR;
    UText source = UTEXT_INITIALIZER;
    // A UTF-8 UText's native indexes are byte offsets, so boundaries come back as byte offsets.
    utext_openUTF8(&source, (const char *)text, length, &status);
    ubrk_setUText(iterator, &source, &status);
    int32_t count = -1;
    if (U_SUCCESS(status)) {
        count = 0;
        for (int32_t boundary = ubrk_next(iterator); boundary != UBRK_DONE && boundary < length;
             boundary = ubrk_next(iterator)) {
            if (count < capacity) boundaries[count] = boundary;
            count++;
        }
    }
    utext_close(&source);
    return count;
}
