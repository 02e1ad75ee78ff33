// The functions are static inline in include/vector_math.h; SwiftPM needs one source file.
#include "vector_math.h"
