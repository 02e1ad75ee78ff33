#include <cblas.h>
#include <stdlib.h>
#include <string.h>
#if defined(__x86_64__)
#include <cpuid.h>
#endif

/* OpenBLAS built with DYNAMIC_ARCH (Debian's) picks its kernels from the CPU model when it
   loads, and falls back to the SSE3 "Prescott" kernels for a model it does not know (0.3.21 on
   Intel model 207, Emerald Rapids, measured: a third more CPU time per CNN epoch). These let
   the library re-select by the CPU's features instead; weak, so that an OpenBLAS without
   runtime selection links too and keeps its kernels. */
extern void gotoblas_dynamic_init(void) __attribute__((weak));
extern void gotoblas_dynamic_quit(void) __attribute__((weak));

/* The best OpenBLAS core name this CPU and OS support by feature bits: "SkylakeX" (AVX-512
   F/DQ/BW/VL), "Haswell" (AVX2 + FMA), or NULL (leave the library's choice). */
static inline const char *actlab_openblas_core_by_features(void) {
#if defined(__x86_64__)
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return NULL;
    int fma = (c >> 12) & 1, osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
    if (!osxsave || !avx) return NULL;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 0x6) != 0x6) return NULL; /* the OS saves XMM and YMM state */
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return NULL;
    int avx2 = (b >> 5) & 1;
    int avx512 = ((b >> 16) & 1) && ((b >> 17) & 1) && ((b >> 30) & 1) && ((b >> 31) & 1);
    if (avx512 && (lo & 0xE6) == 0xE6) return "SkylakeX"; /* and opmask and ZMM state */
    if (avx2 && fma) return "Haswell";
#endif
    return NULL;
}

/* When OpenBLAS fell back to Prescott on a CPU with AVX2 or AVX-512 and the user set no
   OPENBLAS_CORETYPE, re-selects the kernels by feature (as OPENBLAS_CORETYPE would). Call
   before the first BLAS call. Returns 1 when it changed the kernels. */
static inline int actlab_openblas_select_kernels(void) {
    if (!gotoblas_dynamic_init || !gotoblas_dynamic_quit || getenv("OPENBLAS_CORETYPE")) return 0;
    const char *current = openblas_get_corename();
    if (!current || strcmp(current, "Prescott") != 0) return 0;
    const char *better = actlab_openblas_core_by_features();
    if (!better) return 0;
    gotoblas_dynamic_quit();
    setenv("OPENBLAS_CORETYPE", better, 1);
    gotoblas_dynamic_init();
    unsetenv("OPENBLAS_CORETYPE");
    return 1;
}
