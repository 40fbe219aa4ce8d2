/*
 * lwIP's OS types on Petrel's kernel: semaphores and mutexes are
 * kernel/sync.h objects, a mailbox is a ring of pointers between two
 * counting semaphores, a thread is a kernel thread. Each is a pointer,
 * NULL when invalid, so lwIP's "valid" checks are pointer tests.
 */
#ifndef PETREL_LWIP_ARCH_SYS_ARCH_H
#define PETREL_LWIP_ARCH_SYS_ARCH_H

struct semaphore;
struct mutex;
struct net_mbox;
struct thread;

typedef struct semaphore *sys_sem_t;
typedef struct mutex *sys_mutex_t;
typedef struct net_mbox *sys_mbox_t;
typedef struct thread *sys_thread_t;
/* Saved event mask (arch_irq_save) for SYS_ARCH_PROTECT. */
typedef unsigned long sys_prot_t;

#define SYS_MBOX_NULL NULL
#define SYS_SEM_NULL NULL

#define sys_sem_valid(s) ((s) != NULL && *(s) != NULL)
#define sys_sem_set_invalid(s) (*(s) = NULL)
#define sys_mutex_valid(m) ((m) != NULL && *(m) != NULL)
#define sys_mutex_set_invalid(m) (*(m) = NULL)
#define sys_mbox_valid(mb) ((mb) != NULL && *(mb) != NULL)
#define sys_mbox_set_invalid(mb) (*(mb) = NULL)

#endif
