#ifndef NPYB_CGUARD_H
#define NPYB_CGUARD_H
#include <stddef.h>

/// Installs (once) a SIGBUS handler that turns a fault inside npyb_guarded_copy
/// into an error return, and chains to the previous handler otherwise.
void npyb_install_bus_guard(void);

/// Copies n bytes from src (typically inside an mmap'ed file) to dst.
/// Returns 0 on success, -1 if touching src raised SIGBUS (the file shrank).
int npyb_guarded_copy(void *dst, const void *src, size_t n);

/// Installs handlers for fatal signals (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT,
/// SIGFPE, SIGINT, SIGTERM, SIGHUP) that call `restore` once and then re-raise
/// with the previous disposition. Used by the terminal layer to call endwin().
void npyb_install_crash_restore(void (*restore)(void));


#include <stdio.h>
/// stdio's stdout/stderr, which Swift 6 refuses to touch as shared mutable globals.
FILE *npyb_stdout_stream(void);
FILE *npyb_stderr_stream(void);
#endif
