#include "CGuard.h"
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <pthread.h>

static _Thread_local sigjmp_buf *volatile npyb_guard_buf = NULL;
static struct sigaction npyb_prev_bus;
static pthread_once_t npyb_bus_once = PTHREAD_ONCE_INIT;

static void npyb_bus_handler(int sig, siginfo_t *info, void *ctx) {
    sigjmp_buf *buf = npyb_guard_buf;
    if (buf != NULL) {
        npyb_guard_buf = NULL;
        siglongjmp(*buf, 1);
    }
    /* Not ours: restore the previous handler and re-raise. */
    sigaction(SIGBUS, &npyb_prev_bus, NULL);
    if (npyb_prev_bus.sa_flags & SA_SIGINFO) {
        if (npyb_prev_bus.sa_sigaction) { npyb_prev_bus.sa_sigaction(sig, info, ctx); return; }
    } else if (npyb_prev_bus.sa_handler != SIG_DFL && npyb_prev_bus.sa_handler != SIG_IGN) {
        npyb_prev_bus.sa_handler(sig);
        return;
    }
    raise(sig);
}

static void npyb_install_bus_once(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = npyb_bus_handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGBUS, &sa, &npyb_prev_bus);
}

void npyb_install_bus_guard(void) {
    pthread_once(&npyb_bus_once, npyb_install_bus_once);
}

int npyb_guarded_copy(void *dst, const void *src, size_t n) {
    sigjmp_buf buf;
    /* No mask save: the handler runs with SA_NODEFER, so SIGBUS is never blocked and
       siglongjmp need not restore a mask (saving it would cost a syscall per read). */
    if (sigsetjmp(buf, 0) != 0) {
        npyb_guard_buf = NULL;
        return -1;
    }
    npyb_guard_buf = &buf;
    memcpy(dst, src, n);
    npyb_guard_buf = NULL;
    return 0;
}

/* ---- crash restore (terminal) ---- */
static void (*volatile npyb_restore_fn)(void) = NULL;
static volatile sig_atomic_t npyb_restored = 0;
static const int npyb_fatal_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT };
#define NPYB_NSIG (sizeof npyb_fatal_signals / sizeof npyb_fatal_signals[0])
static struct sigaction npyb_prev_fatal[NPYB_NSIG];

static void npyb_fatal_handler(int sig, siginfo_t *info, void *ctx) {
    if (sig == SIGBUS && npyb_guard_buf != NULL) {
        npyb_bus_handler(sig, info, ctx);
        return;
    }
    if (!npyb_restored && npyb_restore_fn) {
        npyb_restored = 1;
        npyb_restore_fn();
    }
    for (size_t i = 0; i < NPYB_NSIG; i++) {
        if (npyb_fatal_signals[i] == sig) {
            struct sigaction prev = npyb_prev_fatal[i];
            if (sig == SIGBUS && (prev.sa_flags & SA_SIGINFO) && prev.sa_sigaction == npyb_bus_handler) {
                prev = npyb_prev_bus;
            }
            sigaction(sig, &prev, NULL);
            if ((prev.sa_flags & SA_SIGINFO) && prev.sa_sigaction) {
                prev.sa_sigaction(sig, info, ctx);
                return;
            }
            if (!(prev.sa_flags & SA_SIGINFO) && prev.sa_handler != SIG_DFL && prev.sa_handler != SIG_IGN) {
                prev.sa_handler(sig);
                return;
            }
            break;
        }
    }
    raise(sig);
}

void npyb_install_crash_restore(void (*restore)(void)) {
    npyb_restore_fn = restore;
    npyb_restored = 0;
    for (size_t i = 0; i < NPYB_NSIG; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = npyb_fatal_handler;
        sa.sa_flags = SA_SIGINFO | SA_NODEFER;
        sigemptyset(&sa.sa_mask);
        sigaction(npyb_fatal_signals[i], &sa, &npyb_prev_fatal[i]);
    }
}

FILE *npyb_stdout_stream(void) { return stdout; }
FILE *npyb_stderr_stream(void) { return stderr; }
