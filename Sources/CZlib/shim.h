#ifndef NPYB_CZLIB_SHIM_H
#define NPYB_CZLIB_SHIM_H
#include <zlib.h>

/// inflateInit2 is a macro; this wraps it for Swift.
static inline int npyb_inflateInit2(z_stream *strm, int windowBits) {
    return inflateInit2(strm, windowBits);
}
#endif
