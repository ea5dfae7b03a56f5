#ifndef PREFLIGHT_PREFETCH_H
#define PREFLIGHT_PREFETCH_H
/* Swift has no prefetch intrinsic; the SKU table asks for its slot's cache line early so
   that the row's cell checks hide the memory latency. */
static inline void preflight_prefetch(const void *address) { __builtin_prefetch(address, 1, 1); }
#endif
