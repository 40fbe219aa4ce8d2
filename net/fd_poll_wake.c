/*
 * The poll/select wake-up lwIP's socket events call (lwipopts.h
 * LWIP_HOOK_SOCKET_EVENT). The sockets layer (lib/libc) defines the
 * real one; this weak stand-in keeps the stack linkable without it.
 */
#include "net/lwip_hooks.h"

__attribute__((weak)) void fd_poll_wake(void)
{
}
