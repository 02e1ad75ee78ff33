#ifndef ACTLAB_VECTOR_MATH_H
#define ACTLAB_VECTOR_MATH_H

// Square roots that loops can vectorise. Swift's Float.squareRoot() reaches sqrtf through a C
// shim built with errno semantics, so a loop containing one calls sqrtf per element; the
// element-wise builtin has no errno side effect and lowers to llvm.sqrt, which becomes vsqrtps
// in a vectorised loop. (Passing -fno-math-errno instead needs unsafeFlags, which SwiftPM
// refuses in a package used as a versioned dependency.)

/// sqrt(x), correctly rounded, with no errno side effect.
static inline __attribute__((always_inline)) float actlab_sqrtf(float x) {
    return __builtin_elementwise_sqrt(x);
}

#endif
